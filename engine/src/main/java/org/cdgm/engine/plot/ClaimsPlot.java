package org.cdgm.engine.plot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cdgm.engine.data.InvalidInputException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * A claim experiment's scores as grouped horizontal bars: one panel per latent block (shared space left, salient
 * space right), one group of bars per category (setting and training mode, in the order given), one bar per score
 * with its interval drawn as an error bar (half the interval's width each side of the mean; Student t intervals are
 * symmetric). A bar without an interval (a single value) has no error bar. The value axis runs from 0 (or the
 * lowest mean below it) to just above 1, the range of the scores; a wider interval is cut at the axis' ends.
 */
public final class ClaimsPlot {
    private ClaimsPlot() {
    }

    /**
     * One bar.
     *
     * @param category the group it belongs to, e.g. "mixing=relu,decoder=relu | co"
     * @param block    shared or salient: the panel
     * @param metric   the score, e.g. mcc_aligned: the bar's colour and legend entry
     * @param mean     the bar's length (unitless score)
     * @param low      lower end of the interval, NaN for none
     * @param high     upper end of the interval, NaN for none
     */
    public record Bar(String category, String block, String metric, double mean, double low, double high) {
    }

    /**
     * @param title what the panels show, e.g. "Experiment mixing"; each panel's title adds its block
     * @param bars  the bars; categories and scores keep the order of their first bar
     * @param size  picture size in pixels
     * @return PNG bytes
     * @throws InvalidInputException when there is no bar or a bar's block is neither shared nor salient
     */
    public static byte[] render(String title, List<Bar> bars, PlotSize size) {
        if (bars.isEmpty()) {
            throw new InvalidInputException("There are no scores to plot");
        }
        Set<String> metrics = new LinkedHashSet<>();
        for (Bar b : bars) {
            if (!b.block().equals("shared") && !b.block().equals("salient")) {
                throw new InvalidInputException("Block '" + b.block() + "' is neither shared nor salient");
            }
            metrics.add(b.metric());
        }
        List<String> order = new ArrayList<>(metrics);
        double lowest = 0;
        for (Bar b : bars) {
            if (Double.isFinite(b.mean())) {
                lowest = Math.min(lowest, b.mean());
            }
        }
        List<JFreeChart> charts = new ArrayList<>();
        for (String block : List.of("shared", "salient")) {
            DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
            // every score and category in every panel, so that colours and rows line up between the two panels
            for (Bar b : bars) {
                for (String m : order) {
                    if (data.getRowIndex(m) < 0 || data.getColumnIndex(b.category()) < 0) {
                        data.add((Number) null, (Number) null, m, b.category());
                    }
                }
            }
            for (Bar b : bars) {
                if (b.block().equals(block) && Double.isFinite(b.mean())) {
                    Double half = Double.isFinite(b.low()) && Double.isFinite(b.high()) ? (b.high() - b.low()) / 2
                            : null;
                    data.add((Number) b.mean(), half, b.metric(), b.category());
                }
            }
            StatisticalBarRenderer renderer = new StatisticalBarRenderer();
            renderer.setBarPainter(new StandardBarPainter());
            renderer.setShadowVisible(false);
            renderer.setItemMargin(0.05);
            renderer.setErrorIndicatorPaint(java.awt.Color.BLACK);
            for (int i = 0; i < order.size(); i++) {
                renderer.setSeriesPaint(data.getRowIndex(order.get(i)), ChartImages.color(i));
            }
            NumberAxis value = new NumberAxis("score (unitless; 1 = recovered)");
            value.setRange(Math.floor(lowest * 10) / 10, 1.05);
            JFreeChart chart = new JFreeChart(ChartImages.horizontalBars(data, "setting | training mode", 0.4f,
                    value, renderer));
            ChartImages.title(chart, title + ": " + block + " space");
            chart.addSubtitle(new TextTitle("bars: mean over fits (stability: over pairs of fits); whiskers: 95% t "
                    + "interval"));
            charts.add(chart);
        }
        return ChartImages.png(charts, size);
    }
}
