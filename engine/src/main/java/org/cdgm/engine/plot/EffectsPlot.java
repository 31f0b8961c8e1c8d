package org.cdgm.engine.plot;

import java.util.List;

import org.cdgm.engine.analysis.PerturbationEffects;
import org.cdgm.engine.data.InvalidInputException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The perturbation table as a picture: one row per label, in the table's order (largest salient effect first),
 * with two bars, how far the label's cells are from the background cells in the salient space and in the shared
 * space, as the scale-free energy coefficient H (the energy distance over twice the mean distance between the
 * groups, 0 to 1), so that the two spaces, whose spreads differ, can be compared. A label whose salient effect is
 * significant (adjusted p below the level) is marked with a star; a perturbation the model separates well has a
 * long salient bar and a short shared one.
 */
public final class EffectsPlot {
    private EffectsPlot() {
    }

    /**
     * @param effects as {@link PerturbationEffects.Result#effects()}, in the order to draw (top row first)
     * @param level   significance level of the adjusted p-values, e.g. 0.05
     * @param size    picture size in pixels
     * @return PNG bytes
     * @throws InvalidInputException when there is no label to draw
     */
    public static byte[] render(List<PerturbationEffects.LabelEffect> effects, double level, PlotSize size) {
        if (effects.isEmpty()) {
            throw new InvalidInputException("There are no perturbation effects to plot");
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (PerturbationEffects.LabelEffect e : effects) {
            String row = e.label() + (e.salientPAdj() < level ? " *" : "") + " (" + e.cells() + ")";
            data.addValue(e.salientCoefficient(), "salient space", row);
            data.addValue(e.sharedCoefficient(), "shared space", row);
        }
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, ChartImages.color(1));
        bars.setSeriesPaint(1, ChartImages.color(0));
        bars.setItemMargin(0.05);
        NumberAxis value = new NumberAxis("distance from the background cells: energy coefficient H (0 = same, 1 = "
                + "fully apart)");
        JFreeChart chart = new JFreeChart(ChartImages.horizontalBars(data, "label (cells)", 0.35f, value, bars));
        ChartImages.title(chart, "Perturbation effects");
        chart.addSubtitle(new TextTitle("* salient effect significant (Benjamini-Hochberg adjusted p < " + level
                + ")"));
        return ChartImages.png(chart, size);
    }
}
