package org.cdgm.engine.plot;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.metrics.IdentifiabilityReport;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The Scorer's identifiability scores as a horizontal bar chart, one bar per score in the order given, coloured by
 * the block the score is about (named by its prefix: {@code shared_}, {@code salient_}, after an optional
 * {@code stability_}). A score that could not be computed (NaN) keeps its row, labelled "not computed", without a bar.
 * Scores for which lower is better (leakage, background salient spread) say so in their label.
 */
public final class ScoresPlot {
    private static final String SHARED = "shared space";
    private static final String SALIENT = "salient space";
    private static final String OTHER = "other";

    private ScoresPlot() {
    }

    /**
     * @param scores as {@link IdentifiabilityReport#rows()} or {@code SeedStability.rows()}: name, value, meaning
     * @param size   picture size in pixels
     * @return PNG bytes
     * @throws InvalidInputException when there is no score or a name repeats (all NaN draws every row "not
     *                               computed" with a subtitle saying so: the Scorer's table is still worth having)
     */
    public static byte[] render(List<IdentifiabilityReport.Row> scores, PlotSize size) {
        if (scores == null || scores.isEmpty()) {
            throw new InvalidInputException("There are no scores to plot");
        }
        Set<String> seen = new HashSet<>();
        boolean anyFinite = false;
        for (IdentifiabilityReport.Row r : scores) {
            if (!seen.add(r.metric())) {
                throw new InvalidInputException("Score '" + r.metric() + "' appears twice; each score needs one bar");
            }
            anyFinite |= Double.isFinite(r.value());
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        // Every block is added as a series first so colours and legend order do not depend on which scores exist.
        for (String block : List.of(SHARED, SALIENT, OTHER)) {
            data.addValue(null, block, label(scores.get(0)));
        }
        for (IdentifiabilityReport.Row r : scores) {
            data.addValue(Double.isFinite(r.value()) ? r.value() : null, block(r.metric()), label(r));
        }
        StackedBarRenderer bars = new StackedBarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, ChartImages.color(0));
        bars.setSeriesPaint(1, ChartImages.color(1));
        bars.setSeriesPaint(2, ChartImages.color(9));
        bars.setMaximumBarWidth(0.08);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.000",
                DecimalFormatSymbols.getInstance(Locale.ROOT))));
        bars.setDefaultItemLabelsVisible(true);
        NumberAxis value = new NumberAxis("score (unitless; MCC and R\u00b2 are at most 1)");
        JFreeChart chart = new JFreeChart(ChartImages.horizontalBars(data, "score", 0.45f, value, bars));
        ChartImages.title(chart, "Identifiability scores");
        if (!anyFinite) {
            value.setRange(0, 1);
            chart.addSubtitle(new TextTitle("No score could be computed (all are NaN); see the table's 'meaning' column"));
        }
        return ChartImages.png(chart, size);
    }

    private static String label(IdentifiabilityReport.Row r) {
        String direction = lowerIsBetter(r.metric()) ? " (lower is better)" : "";
        return r.metric() + direction + (Double.isFinite(r.value()) ? "" : " (not computed)");
    }

    /**
     * Leakage (how much of one block the other predicts) and the background cells' salient spread should be near 0;
     * every other score (MCC, R^2) near 1.
     */
    static boolean lowerIsBetter(String metric) {
        return metric.contains("leakage") || metric.endsWith("salient_spread");
    }

    private static String block(String metric) {
        String m = metric.startsWith("stability_") ? metric.substring("stability_".length()) : metric;
        return m.startsWith("shared_") ? SHARED : m.startsWith("salient_") ? SALIENT : OTHER;
    }
}
