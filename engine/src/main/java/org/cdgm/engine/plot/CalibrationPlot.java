package org.cdgm.engine.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.data.InvalidInputException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Calibration of seed stability against the truth on simulations: one panel per latent block (shared left, salient
 * right), each pair of fits a dot at (its seed stability, its true aligned MCC), the mean true aligned MCC of each
 * band of stability as a line through the bands' midpoints, and the diagonal where the two are equal (grey).
 */
public final class CalibrationPlot {
    private static final Ellipse2D DOT = new Ellipse2D.Double(-2.5, -2.5, 5, 5);

    private CalibrationPlot() {
    }

    /**
     * One panel's points.
     *
     * @param block       shared or salient, the panel's title
     * @param stability   per pair of fits its seed stability (MCC between the two fits)
     * @param trueMcc     per pair its true aligned MCC, in the same order
     * @param bandCentres per band of stability the middle of the stability values in it
     * @param bandMeans   per band the mean true aligned MCC
     */
    public record Panel(String block, double[] stability, double[] trueMcc, double[] bandCentres,
                        double[] bandMeans) {
    }

    /**
     * @return PNG bytes
     * @throws InvalidInputException when there is no panel or no pair, or a panel's arrays differ in length
     */
    public static byte[] render(List<Panel> panels, PlotSize size) {
        if (panels.isEmpty() || panels.stream().allMatch(p -> p.stability().length == 0)) {
            throw new InvalidInputException("There are no pairs of fits to plot");
        }
        List<JFreeChart> charts = new ArrayList<>();
        for (Panel p : panels) {
            if (p.stability().length != p.trueMcc().length || p.bandCentres().length != p.bandMeans().length) {
                throw new InvalidInputException("Panel '" + p.block() + "': the arrays of a series differ in length");
            }
            XYSeries pairs = new XYSeries("pair of fits (" + p.stability().length + ")", false, true);
            for (int i = 0; i < p.stability().length; i++) {
                pairs.add(p.stability()[i], p.trueMcc()[i]);
            }
            XYSeries bands = new XYSeries("mean per band of stability", false, true);
            for (int i = 0; i < p.bandCentres().length; i++) {
                bands.add(p.bandCentres()[i], p.bandMeans()[i]);
            }
            XYSeries diagonal = new XYSeries("true MCC = stability", false, true);
            diagonal.add(0, 0);
            diagonal.add(1, 1);
            XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(pairs);
            data.addSeries(bands);
            data.addSeries(diagonal);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
            r.setSeriesLinesVisible(0, false);
            r.setSeriesShape(0, DOT);
            r.setSeriesPaint(0, ChartImages.color(0));
            r.setSeriesPaint(1, ChartImages.color(1));
            r.setSeriesStroke(1, new BasicStroke(2f));
            r.setSeriesShapesVisible(2, false);
            r.setSeriesPaint(2, new Color(0x999999));
            NumberAxis x = new NumberAxis("seed stability: MCC between two fits' coordinates");
            NumberAxis y = new NumberAxis("true aligned MCC (mean of the two fits)");
            x.setRange(0, 1.02);
            y.setRange(0, 1.02);
            XYPlot plot = new XYPlot(data, x, y, r);
            ChartImages.style(plot);
            JFreeChart chart = new JFreeChart(plot);
            ChartImages.title(chart, p.block() + " space");
            chart.addSubtitle(new TextTitle("simulated fits of cdgm experiment mixing, noise and misspecified"));
            charts.add(chart);
        }
        return ChartImages.png(charts, size);
    }
}
