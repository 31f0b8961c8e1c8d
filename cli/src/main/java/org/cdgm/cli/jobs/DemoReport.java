package org.cdgm.cli.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.io.AtomicFiles;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.cli.report.HtmlReport;
import org.cdgm.cli.report.SvgPlot;
import org.cdgm.engine.metrics.IdentifiabilityReport;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.training.EpochReport;

/** Writes the main job's results: scores.csv (tidy), history.csv (per epoch) and report.html (figures). */
final class DemoReport {
    private static final int MAX_POINTS = 1500;

    private DemoReport() {
    }

    static void write(Path dir, SimulatedData sim, List<FitOutcome> fits) throws IOException {
        scoresTable(fits).write(dir.resolve("scores.csv"));
        historyTable(fits).write(dir.resolve("history.csv"));
        html(sim, fits, dir.resolve("figures")).write(dir.resolve("report.html"));
    }

    static CsvTable scoresTable(List<FitOutcome> fits) {
        CsvTable t = new CsvTable(List.of("fit", "training_mode", "regulariser", "metric", "value"));
        for (FitOutcome f : fits) {
            for (IdentifiabilityReport.Row r : f.scores().rows()) {
                t.add(List.of(f.spec().label(), f.spec().training().mode(), f.spec().training().regulariser(),
                        r.metric(), r.value()));
            }
        }
        return t;
    }

    static CsvTable historyTable(List<FitOutcome> fits) {
        CsvTable t = new CsvTable(List.of("fit", "epoch", "train_background_loss", "train_target_loss",
                "train_regulariser", "validation_background_loss", "validation_target_loss",
                "validation_regulariser", "mean_alpha", "lambda", "seconds"));
        for (FitOutcome f : fits) {
            for (EpochReport e : f.result().history()) {
                t.add(List.of(f.spec().label(), e.epoch(), e.trainBackgroundLoss(), e.trainTargetLoss(),
                        e.trainRegulariser(), e.validationBackgroundLoss(), e.validationTargetLoss(),
                        e.validationRegulariser(), e.meanAlpha(), e.lambda(), e.seconds()));
            }
        }
        return t;
    }

    /** Metrics as rows, fits as columns: the table a reader compares. */
    static List<List<Object>> wideScores(List<FitOutcome> fits) {
        List<List<Object>> rows = new ArrayList<>();
        List<IdentifiabilityReport.Row> first = fits.get(0).scores().rows();
        for (int m = 0; m < first.size(); m++) {
            List<Object> row = new ArrayList<>();
            row.add(first.get(m).metric());
            for (FitOutcome f : fits) {
                row.add(f.scores().rows().get(m).value());
            }
            row.add(first.get(m).meaning());
            rows.add(row);
        }
        return rows;
    }

    static List<String> wideHeader(List<FitOutcome> fits) {
        List<String> h = new ArrayList<>();
        h.add("metric");
        fits.forEach(f -> h.add(f.spec().label()));
        h.add("meaning");
        return h;
    }

    /** The report page; every figure is also written to {@code figures/} as a standalone SVG. */
    private static HtmlReport html(SimulatedData sim, List<FitOutcome> fits, Path figures) throws IOException {
        HtmlReport r = new HtmlReport("cdgm: identifiability of a contrastive VAE on simulated data");
        r.paragraph("Simulated data with known latents: " + sim.settings() + ". Background cells have no salient "
                + "variation (t = 0). Each fit below is scored against the true latents: MCC near 1 means the "
                + "latents were recovered up to permutation and sign; the aligned MCC allows an affine map (what "
                + "piecewise affine decoders guarantee); leakage near 0 means the blocks do not mix.");
        r.heading("Identifiability scores");
        r.table(wideHeader(fits), wideScores(fits));
        for (FitOutcome f : fits) {
            r.heading(f.spec().label());
            r.paragraph("Best epoch " + f.result().bestEpoch() + " of " + f.result().history().size()
                    + (f.result().stoppedEarly() ? " (early stopping)" : "") + ", " + String.format("%.1f", f.seconds())
                    + " s. " + f.spec().training());
            List<String> svgs = List.of(lossChart(f), controlChart(f), salientScatter(sim, f), sharedScatter(sim, f));
            String[] names = {"loss", "controls", "salient", "shared"};
            String slug = f.spec().training().mode().name().toLowerCase(java.util.Locale.ROOT);
            for (int i = 0; i < svgs.size(); i++) {
                String svg = svgs.get(i);
                AtomicFiles.write(figures.resolve(slug + "-" + names[i] + ".svg"), w -> w.write(svg));
            }
            r.figures(svgs);
        }
        return r;
    }

    private static String lossChart(FitOutcome f) {
        List<EpochReport> h = f.result().history();
        double[] x = h.stream().mapToDouble(EpochReport::epoch).toArray();
        return SvgPlot.lines("Loss per cell (negative ELBO)", "epoch", "loss", List.of(
                new SvgPlot.Series("train background", x, h.stream().mapToDouble(EpochReport::trainBackgroundLoss)
                        .toArray()),
                new SvgPlot.Series("train target", x, h.stream().mapToDouble(EpochReport::trainTargetLoss).toArray()),
                new SvgPlot.Series("valid. background", x,
                        h.stream().mapToDouble(EpochReport::validationBackgroundLoss).toArray()),
                new SvgPlot.Series("valid. target", x, h.stream().mapToDouble(EpochReport::validationTargetLoss)
                        .toArray())));
    }

    /** Regulariser per epoch, plus MGDA's alpha or the dual variable lambda where the mode has them. */
    private static String controlChart(FitOutcome f) {
        List<EpochReport> h = f.result().history();
        double[] x = h.stream().mapToDouble(EpochReport::epoch).toArray();
        List<SvgPlot.Series> s = new ArrayList<>();
        s.add(new SvgPlot.Series("regulariser (valid.)", x,
                h.stream().mapToDouble(EpochReport::validationRegulariser).toArray()));
        if (f.spec().training().mode().isMultiObjective()) {
            s.add(new SvgPlot.Series("alpha (background)", x, h.stream().mapToDouble(EpochReport::meanAlpha).toArray()));
        }
        if (f.spec().training().mode().isConstrained()) {
            s.add(new SvgPlot.Series("lambda", x, h.stream().mapToDouble(EpochReport::lambda).toArray()));
            double eps = f.result().constraint().epsilon(); // "auto" resolved by the fit
            s.add(new SvgPlot.Series("epsilon", x, h.stream().mapToDouble(e -> eps).toArray()));
        }
        return SvgPlot.lines("Regulariser and controls", "epoch", "value", s);
    }

    private static String salientScatter(SimulatedData sim, FitOutcome f) {
        double[][] tTarget = f.target().salient();
        double[][] tBackground = f.background().salient();
        int[] comp = sim.targetSalientComponent();
        List<SvgPlot.Group> groups = new ArrayList<>();
        groups.add(group("background cells", tBackground, null, -1, "#9a9a9a"));
        for (int k = 0; k < sim.settings().components(); k++) {
            groups.add(group("target, true t comp. " + (k + 1), tTarget, comp, k, SvgPlot.color(k)));
        }
        return SvgPlot.scatter("Learned salient space", "t1", tTarget[0].length > 1 ? "t2" : "t1", groups);
    }

    private static String sharedScatter(SimulatedData sim, FitOutcome f) {
        double[][] z = f.target().shared();
        int[] comp = sim.targetSharedComponent();
        List<SvgPlot.Group> groups = new ArrayList<>();
        for (int k = 0; k < sim.settings().components(); k++) {
            groups.add(group("target, true z comp. " + (k + 1), z, comp, k, SvgPlot.color(k + 4)));
        }
        return SvgPlot.scatter("Learned shared space", "z1", z[0].length > 1 ? "z2" : "z1", groups);
    }

    /** Points of one component (or all when labels is null), first two coordinates, thinned to MAX_POINTS. */
    private static SvgPlot.Group group(String name, double[][] pts, int[] labels, int k, String color) {
        List<double[]> sel = new ArrayList<>();
        int stride = Math.max(1, pts.length / MAX_POINTS);
        for (int i = 0; i < pts.length; i += stride) {
            if (labels == null || labels[i] == k) {
                sel.add(pts[i]);
            }
        }
        int second = pts.length > 0 && pts[0].length > 1 ? 1 : 0;
        return new SvgPlot.Group(name, sel.stream().mapToDouble(p -> p[0]).toArray(),
                sel.stream().mapToDouble(p -> p[second]).toArray(), color);
    }
}
