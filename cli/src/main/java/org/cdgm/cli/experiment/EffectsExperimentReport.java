package org.cdgm.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.Predicate;

import org.cdgm.engine.io.AtomicFiles;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.metrics.RejectionRate;
import org.cdgm.engine.metrics.SalientEffectRecovery;
import org.cdgm.engine.metrics.SampleSummary;

/**
 * What {@code cdgm experiment effects} found, as it grows (one fit per repeat): gene-recovery.csv, calibration.csv
 * and summary.md.
 */
final class EffectsExperimentReport {
    static final List<String> RECOVERY_COLUMNS = List.of("repeat", "data_seed", "training_seed", "spearman",
            "top10_precision", "cell_pearson", "loadings_spearman", "epochs_run", "best_epoch", "fit_seconds");
    static final List<String> CALIBRATION_COLUMNS = List.of("repeat", "label", "kind", "cells", "salient_p",
            "shared_p", "salient_distance", "shared_distance", "salient_p_adj", "shared_p_adj");
    /** The level a test is called significant at. */
    static final double LEVEL = 0.05;

    /** One repeat's fit and its gene-recovery scores. */
    record Fit(int repeat, long dataSeed, long trainingSeed, SalientEffectRecovery.Scores scores, int epochsRun,
               int bestEpoch, double seconds) {
    }

    /** One label's test in one repeat; {@code isNull}: the label's cells were drawn as background cells. */
    record Test(int repeat, String label, boolean isNull, int cells, double salientP, double sharedP,
                double salientDistance, double sharedDistance, double salientPAdj, double sharedPAdj) {
    }

    private final String description;
    private final String training;
    private final String command;
    private final List<Fit> fits = new ArrayList<>();
    private final List<Test> tests = new ArrayList<>();

    /**
     * @param description the data and the model in words
     * @param training    the training and the test settings in words
     * @param command     the command line that ran, for the record
     */
    EffectsExperimentReport(String description, String training, String command) {
        this.description = description;
        this.training = training;
        this.command = command;
    }

    void add(Fit fit, List<Test> labelTests) {
        fits.add(fit);
        tests.addAll(labelTests);
    }

    /** Writes the three files (replacing them) and returns the markdown. */
    String write(Path out, double wallSeconds) throws IOException {
        CsvTable recovery = new CsvTable(RECOVERY_COLUMNS);
        for (Fit f : fits) {
            SalientEffectRecovery.Scores s = f.scores();
            recovery.add(List.of(f.repeat(), f.dataSeed(), f.trainingSeed(), s.spearman(), s.topPrecision(),
                    s.cellPearson(), s.loadingsSpearman(), f.epochsRun(), f.bestEpoch(),
                    String.format(Locale.ROOT, "%.1f", f.seconds())));
        }
        recovery.write(out.resolve("gene-recovery.csv"));
        CsvTable calibration = new CsvTable(CALIBRATION_COLUMNS);
        for (Test t : tests) {
            calibration.add(List.of(t.repeat(), t.label(), t.isNull() ? "null" : "real", t.cells(), t.salientP(),
                    t.sharedP(), t.salientDistance(), t.sharedDistance(), t.salientPAdj(), t.sharedPAdj()));
        }
        calibration.write(out.resolve("calibration.csv"));
        String md = markdown(wallSeconds);
        AtomicFiles.write(out.resolve("summary.md"), w -> w.write(md));
        return md;
    }

    String markdown(double wallSeconds) {
        StringBuilder b = new StringBuilder();
        b.append("# Salient effects on the simulator: gene recovery and null calibration\n\n");
        b.append(description).append("\n\n");
        b.append("Training and tests: ").append(training).append(".\n\n");
        b.append("Command: `").append(command).append("`\n\n");
        b.append("## Gene recovery (").append(fits.size()).append(fits.size() == 1 ? " fit" : " fits")
                .append(")\n\n");
        b.append("| score | mean ± sd | min | max |\n|---|---|---|---|\n");
        score(b, "gene recovery: Spearman of per-gene effect sizes", f -> f.scores().spearman());
        score(b, "gene recovery: top-10% precision", f -> f.scores().topPrecision());
        score(b, "cell-level effect recovery: Pearson", f -> f.scores().cellPearson());
        score(b, "loadings: Spearman of largest \\|loading\\| (secondary)", f -> f.scores().loadingsSpearman());
        b.append("\n## Calibration and power (p < ").append(LEVEL).append(")\n\n");
        b.append("Rates of tests with p < ").append(LEVEL).append(", with Wilson's 95% interval. A null label's "
                + "cells are background cells (no salient effect), so its rate should be about ").append(LEVEL)
                .append(" in both spaces; a real label's salient rate is the power.\n\n");
        b.append("| labels | space | p-value | tests | p < 0.05 | rate (95% interval) |\n|---|---|---|---|---|---|\n");
        rate(b, "null", "salient", "raw", t -> t.isNull(), Test::salientP);
        rate(b, "null", "shared", "raw", t -> t.isNull(), Test::sharedP);
        rate(b, "real", "salient", "raw", t -> !t.isNull(), Test::salientP);
        rate(b, "real", "salient", "BH-adjusted", t -> !t.isNull(), Test::salientPAdj);
        rate(b, "real", "shared", "raw", t -> !t.isNull(), Test::sharedP);
        b.append("\n");
        double[] nullP = tests.stream().filter(Test::isNull).mapToDouble(Test::salientP).toArray();
        if (nullP.length > 0) {
            b.append(String.format(Locale.ROOT, "Null labels' salient p-values: median %.3f, smallest %.3f.%n%n",
                    median(nullP), java.util.Arrays.stream(nullP).min().orElse(Double.NaN)));
        }
        b.append(String.format(Locale.ROOT, "Wall time: %.0f s.%n", wallSeconds));
        return b.toString();
    }

    private void score(StringBuilder b, String name, ToDoubleFunction<Fit> f) {
        double[] v = fits.stream().mapToDouble(f).toArray();
        b.append(String.format(Locale.ROOT, "| %s | %.3f ± %.3f | %.3f | %.3f |%n", name, SampleSummary.mean(v),
                SampleSummary.sd(v), java.util.Arrays.stream(v).min().orElse(Double.NaN),
                java.util.Arrays.stream(v).max().orElse(Double.NaN)));
    }

    private void rate(StringBuilder b, String labels, String space, String which, Predicate<Test> keep,
                      ToDoubleFunction<Test> p) {
        double[] v = tests.stream().filter(keep).mapToDouble(p).toArray();
        if (v.length == 0) {
            return;
        }
        RejectionRate r = RejectionRate.of(v, LEVEL);
        b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.3f (%.3f-%.3f) |%n", labels, space, which,
                r.tests(), r.rejected(), r.rate(), r.lower(), r.upper()));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
