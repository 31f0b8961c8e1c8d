package org.cdgm.engine.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.TrainingResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training history as a picture: per epoch, the losses (negative ELBO per cell of background and target cells,
 * their sum, on training batches and on the validation split), and below, in panels sharing the epoch axis, the
 * regulariser, the mean MGDA weight alpha of the background objective (multi-objective modes) and the dual variable
 * lambda (constrained modes). A panel whose series are all NaN (a mode without alpha or lambda, a run without
 * regulariser) is left out. A dashed vertical line marks the epoch whose model was kept.
 */
public final class TrainingHistoryPlot {
    private static final Stroke SOLID = new BasicStroke(1.6f);
    private static final Stroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {5f, 4f}, 0f);

    private TrainingHistoryPlot() {
    }

    /**
     * Draws the history of a fit, marking its best epoch.
     *
     * @return PNG bytes of {@code size}
     * @throws InvalidInputException when the history is empty or has no finite loss
     */
    public static byte[] render(TrainingResult result, PlotSize size) {
        return render(result.history(), result.bestEpoch(), Double.NaN, size);
    }

    /**
     * Draws the history of a constrained fit: as {@link #render(TrainingResult, PlotSize)} with the constraint level
     * epsilon as a horizontal line on the regulariser panel, so that whether the kept epoch met it can be seen.
     *
     * @param epsilon the constraint level, or NaN for none (unconstrained modes)
     * @throws InvalidInputException when the history is empty or has no finite loss
     */
    public static byte[] render(TrainingResult result, double epsilon, PlotSize size) {
        return render(result.history(), result.bestEpoch(), epsilon, size);
    }

    /**
     * Draws a training history.
     *
     * @param history   one report per epoch, in order (as {@link TrainingResult#history()})
     * @param bestEpoch the epoch (1-based, as {@link EpochReport#epoch()}) to mark; none when below 1
     * @param size      picture size in pixels
     * @return PNG bytes
     * @throws InvalidInputException when the history is empty or no loss of any epoch is finite
     */
    public static byte[] render(List<EpochReport> history, int bestEpoch, PlotSize size) {
        return render(history, bestEpoch, Double.NaN, size);
    }

    /**
     * Draws a training history with the constraint level (NaN: none) on the regulariser panel.
     *
     * @throws InvalidInputException when the history is empty or no loss of any epoch is finite
     */
    public static byte[] render(List<EpochReport> history, int bestEpoch, double epsilon, PlotSize size) {
        if (history == null || history.isEmpty()) {
            throw new InvalidInputException("The training history is empty (no epoch was trained): nothing to plot");
        }
        List<Curve> losses = List.of(
                new Curve("train background", EpochReport::trainBackgroundLoss, 0, SOLID),
                new Curve("train target", EpochReport::trainTargetLoss, 1, SOLID),
                new Curve("train total", e -> e.trainBackgroundLoss() + e.trainTargetLoss(), 9, SOLID),
                new Curve("validation background", EpochReport::validationBackgroundLoss, 0, DASHED),
                new Curve("validation target", EpochReport::validationTargetLoss, 1, DASHED),
                new Curve("validation total", e -> e.validationBackgroundLoss() + e.validationTargetLoss(), 9,
                        DASHED));
        NumberAxis epochs = new NumberAxis("epoch (pass over the training cells)");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // whole epochs, also for short runs
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(8);
        XYPlot lossPanel = panel(history, losses, "loss per cell (nats)", bestEpoch, true);
        if (lossPanel == null) {
            throw new InvalidInputException("The training history has " + history.size() + " epochs but no finite "
                    + "loss (all NaN or infinite): nothing to plot; training probably diverged");
        }
        plot.add(lossPanel, 2);
        XYPlot regulariser = panel(history, List.of(
                new Curve("regulariser, train (unitless)", EpochReport::trainRegulariser, 4, SOLID),
                new Curve("regulariser, validation", EpochReport::validationRegulariser, 4, DASHED)),
                "regulariser", bestEpoch, false);
        if (regulariser != null && Double.isFinite(epsilon)) {
            ValueMarker level = new ValueMarker(epsilon, ChartImages.color(4), DASHED);
            level.setLabel("epsilon " + epsilon);
            level.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            level.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            regulariser.addRangeMarker(level);
            // a marker outside the data's range would not show: widen the axis to hold it
            org.jfree.data.Range r = regulariser.getDataRange(regulariser.getRangeAxis());
            if (r != null && !r.contains(epsilon)) {
                double lo = Math.min(r.getLowerBound(), epsilon);
                double hi = Math.max(r.getUpperBound(), epsilon);
                double pad = 0.08 * Math.max(hi - lo, Math.abs(hi) * 1e-3);
                regulariser.getRangeAxis().setRange(lo - pad, hi + pad);
            }
        }
        addIfAny(plot, regulariser);
        addIfAny(plot, panel(history, List.of(new Curve("alpha: MGDA weight of the background loss (0 to 1)",
                EpochReport::meanAlpha, 2, SOLID)), "alpha", bestEpoch, false));
        addIfAny(plot, panel(history, List.of(new Curve("lambda: dual variable of the constraint (unitless)",
                EpochReport::lambda, 3, SOLID)), "lambda", bestEpoch, false));
        JFreeChart chart = new JFreeChart(plot);
        ChartImages.title(chart, "Training history (" + history.size() + " epochs"
                + (bestEpoch >= 1 ? ", model kept at epoch " + bestEpoch : "") + ")");
        return ChartImages.png(chart, size);
    }

    private record Curve(String name, ToDoubleFunction<EpochReport> value, int color, Stroke stroke) {
    }

    private static void addIfAny(CombinedDomainXYPlot plot, XYPlot panel) {
        if (panel != null) {
            plot.add(panel, 1);
        }
    }

    /** A panel with the curves that have a finite value; null when none has. */
    private static XYPlot panel(List<EpochReport> history, List<Curve> curves, String yLabel, int bestEpoch,
                                boolean labelBest) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Curve> drawn = new ArrayList<>();
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.name(), false, true);
            for (EpochReport e : history) {
                double v = c.value().applyAsDouble(e);
                if (Double.isFinite(v)) {
                    s.add(e.epoch(), v);
                }
            }
            if (s.getItemCount() > 0) {
                data.addSeries(s);
                drawn.add(c);
            }
        }
        if (drawn.isEmpty()) {
            return null;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, history.size() <= 30);
        for (int i = 0; i < drawn.size(); i++) {
            r.setSeriesPaint(i, ChartImages.color(drawn.get(i).color()));
            r.setSeriesStroke(i, drawn.get(i).stroke());
        }
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYPlot p = new XYPlot(data, null, y, r);
        ChartImages.style(p);
        if (bestEpoch >= 1) {
            ValueMarker m = new ValueMarker(bestEpoch, Color.DARK_GRAY, DASHED);
            if (labelBest) {
                // The label goes on the side of the line with more room: left of it in the later half.
                boolean late = bestEpoch > (history.get(0).epoch() + history.get(history.size() - 1).epoch()) / 2.0;
                m.setLabel("kept");
                m.setLabelAnchor(late ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(late ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
            }
            p.addDomainMarker(m);
        }
        return p;
    }
}
