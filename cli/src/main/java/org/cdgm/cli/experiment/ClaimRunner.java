package org.cdgm.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.cdgm.cli.jobs.FitOutcome;
import org.cdgm.cli.jobs.FitSpec;
import org.cdgm.cli.jobs.SimulationFits;
import org.cdgm.engine.io.AtomicFiles;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.metrics.BlockR2;
import org.cdgm.engine.metrics.IdentifiabilityReport;
import org.cdgm.engine.metrics.IdentifiabilityScorer;
import org.cdgm.engine.metrics.KernelRidge;
import org.cdgm.engine.metrics.MeanInterval;
import org.cdgm.engine.metrics.RidgeRegression;
import org.cdgm.engine.metrics.SeedStability;
import org.cdgm.engine.plot.ClaimsPlot;
import org.cdgm.engine.plot.PlotSize;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.Simulator;
import org.cdgm.engine.training.TrainingSettings;

/**
 * Runs a {@link ClaimExperiment}: for every setting and data seed one simulated data set, fitted in every training
 * mode with training seeds 1..S, each fit scored against the true latents, each pair of fits that differ only in
 * the training seed compared with each other (seed stability). Writes into the output folder, rewritten after each
 * data set so that a long run can be read while it goes:
 * <ul>
 * <li>{@code raw.csv}: one row per fit and score ({@link #RAW_COLUMNS}); seed-stability rows are per pair of fits,
 * with both training seeds, so that a fit's true scores can be joined with its pairs' stability;</li>
 * <li>{@code fits.csv}: one row per fit: epochs run, best epoch, seconds (training and scoring);</li>
 * <li>{@code summary.csv}: per setting, mode, block and score the mean over fits (or pairs) with a 95% Student t
 * interval ({@link MeanInterval}) ({@link #SUMMARY_COLUMNS});</li>
 * <li>{@code summary.md}: the main scores as a markdown table;</li>
 * <li>{@code figure.png}: mean and interval of the main scores per setting and mode, shared and salient block.</li>
 * </ul>
 * Scores (all unitless, 1 is best unless said): from {@link IdentifiabilityScorer} (names without their block
 * prefix: mcc, mcc_spearman, mcc_aligned, r2_linear, r2_kernel, leakage_linear, leakage_kernel and, salient only,
 * background_spread) plus the reverse block R^2 (r2_reverse_linear, r2_reverse_kernel: the learned block predicted
 * from the true block, held out; 1 = the learned block carries nothing but the true block) and, per pair of fits,
 * stability_mcc and stability_r2 ({@link SeedStability}).
 */
public final class ClaimRunner {
    /** Columns of raw.csv; other_seed is empty except on seed-stability rows. */
    public static final List<String> RAW_COLUMNS = List.of("setting", "mode", "data_seed", "train_seed",
            "other_seed", "block", "metric", "value");
    /** Columns of summary.csv. */
    public static final List<String> SUMMARY_COLUMNS = List.of("setting", "mode", "block", "metric", "mean",
            "ci_low", "ci_high");
    /** Columns of fits.csv. */
    public static final List<String> FIT_COLUMNS = List.of("setting", "mode", "data_seed", "train_seed",
            "epochs_run", "best_epoch", "seconds");
    /** The scores in summary.md and the figure. */
    public static final List<String> MAIN_METRICS = List.of("mcc_aligned", "r2_kernel", "r2_reverse_kernel",
            "leakage_linear", "stability_mcc");
    /** Coverage of the intervals. */
    public static final double LEVEL = 0.95;
    /** Seed of the held-out split of seed stability's R^2 (as the study of docs/identifiability.md). */
    static final long STABILITY_SEED = 7;

    private ClaimRunner() {
    }

    /** One row of summary.csv. */
    public record Summary(String setting, String mode, String block, String metric, MeanInterval interval) {
    }

    /**
     * @param experiment the settings
     * @param size       data sets, fits, cells, genes and epochs
     * @param modes      per mode word (classic, mo, co, mo+co) the training settings (epochs as wanted; the seed is
     *                   replaced by each training seed), in table order
     * @param parallel   fits trained at once (each single-threaded where OMP_NUM_THREADS=1)
     * @param out        the folder to write into (must exist)
     * @param log        progress lines
     * @return the summary rows, in table order
     * @throws IOException when a file cannot be written
     */
    public static List<Summary> run(ClaimExperiment experiment, ExperimentSize size,
                                    Map<String, TrainingSettings> modes, int parallel, Path out,
                                    Consumer<String> log) throws IOException, InterruptedException {
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("At least one training mode is needed");
        }
        CsvTable raw = new CsvTable(RAW_COLUMNS);
        CsvTable fitTable = new CsvTable(FIT_COLUMNS);
        Map<List<String>, List<Double>> values = new LinkedHashMap<>();
        List<Summary> summary = List.of();
        for (ClaimSetting setting : experiment.settings()) {
            for (int d = 1; d <= size.dataSeeds(); d++) {
                long dataSeed = ExperimentSize.DATA_SEED_BASE + d;
                SimulatedData sim = Simulator.simulate(setting.simulation().withSeed(dataSeed));
                List<FitSpec> specs = new ArrayList<>();
                List<String> modeOf = new ArrayList<>();
                for (var m : modes.entrySet()) {
                    for (long seed = 1; seed <= size.seeds(); seed++) {
                        specs.add(new FitSpec(setting.name() + " " + m.getKey() + " seed " + seed, setting.model(),
                                m.getValue().withSeed(seed)));
                        modeOf.add(m.getKey());
                    }
                }
                log.accept(String.format(Locale.ROOT, "%s, data seed %d: %d fits", setting.name(), dataSeed,
                        specs.size()));
                List<FitOutcome> fits = SimulationFits.run(sim, specs, parallel, log);
                for (int i = 0; i < fits.size(); i++) {
                    FitOutcome f = fits.get(i);
                    List<String> key = List.of(setting.name(), modeOf.get(i));
                    long seed = f.spec().training().seed();
                    for (Score s : scores(sim, f)) {
                        raw.add(List.of(key.get(0), key.get(1), dataSeed, seed, "", s.block(), s.metric(),
                                s.value()));
                        add(values, key, s);
                    }
                    fitTable.add(List.of(key.get(0), key.get(1), dataSeed, seed, f.result().history().size(),
                            f.result().bestEpoch(), String.format(Locale.ROOT, "%.2f", f.seconds())));
                    for (int j = i + 1; j < fits.size(); j++) {
                        if (modeOf.get(j).equals(modeOf.get(i))) {
                            FitOutcome g = fits.get(j);
                            for (Score s : stability(f, g)) {
                                raw.add(List.of(key.get(0), key.get(1), dataSeed, seed,
                                        g.spec().training().seed(), s.block(), s.metric(), s.value()));
                                add(values, key, s);
                            }
                        }
                    }
                }
                summary = summarise(values);
                write(experiment, raw, fitTable, summary, out);
            }
        }
        return summary;
    }

    /** A score of one fit or pair of fits. */
    record Score(String block, String metric, double value) {
    }

    /** The scorer's figures split into block and score, then the reverse block R^2 of each block. */
    static List<Score> scores(SimulatedData sim, FitOutcome f) {
        List<Score> out = new ArrayList<>();
        for (IdentifiabilityReport.Row row : f.scores().rows()) {
            String name = row.metric();
            if (name.equals("background_salient_spread")) {
                out.add(new Score("salient", "background_spread", row.value()));
            } else {
                String block = name.startsWith("shared_") ? "shared" : "salient";
                if (!name.startsWith(block + "_")) {
                    throw new IllegalStateException("The scorer's '" + name + "' names no block");
                }
                out.add(new Score(block, name.substring(block.length() + 1), row.value()));
            }
        }
        long seed = f.spec().training().seed();
        double[][] trueShared = IdentifiabilityScorer.stack(sim.backgroundShared(), sim.targetShared());
        double[][] learnedShared = IdentifiabilityScorer.stack(f.background().shared(), f.target().shared());
        double[][] learnedSalient = f.target().salient();
        out.add(new Score("shared", "r2_reverse_linear",
                BlockR2.of(trueShared, learnedShared, new RidgeRegression(1e-6), seed)));
        out.add(new Score("shared", "r2_reverse_kernel",
                BlockR2.of(trueShared, learnedShared, new KernelRidge(0.05, 1000), seed)));
        out.add(new Score("salient", "r2_reverse_linear",
                BlockR2.of(sim.targetSalient(), learnedSalient, new RidgeRegression(1e-6), seed)));
        out.add(new Score("salient", "r2_reverse_kernel",
                BlockR2.of(sim.targetSalient(), learnedSalient, new KernelRidge(0.05, 1000), seed)));
        return out;
    }

    /** Seed stability of two fits on the same data: shared block over all cells, salient block over target cells. */
    static List<Score> stability(FitOutcome a, FitOutcome b) {
        SeedStability s = SeedStability.of(IdentifiabilityScorer.stack(a.background().shared(), a.target().shared()),
                IdentifiabilityScorer.stack(b.background().shared(), b.target().shared()), a.target().salient(),
                b.target().salient(), STABILITY_SEED);
        return List.of(new Score("shared", "stability_mcc", s.sharedMcc()),
                new Score("shared", "stability_r2", s.sharedR2()),
                new Score("salient", "stability_mcc", s.salientMcc()),
                new Score("salient", "stability_r2", s.salientR2()));
    }

    private static void add(Map<List<String>, List<Double>> values, List<String> key, Score s) {
        values.computeIfAbsent(List.of(key.get(0), key.get(1), s.block(), s.metric()), k -> new ArrayList<>())
                .add(s.value());
    }

    /** Per setting, mode, block and score the mean and interval: settings and modes as run, shared block first. */
    static List<Summary> summarise(Map<List<String>, List<Double>> values) {
        List<Summary> out = new ArrayList<>();
        List<List<String>> settingModes = values.keySet().stream().map(k -> k.subList(0, 2)).distinct().toList();
        for (List<String> sm : settingModes) {
            for (String block : List.of("shared", "salient")) {
                for (var e : values.entrySet()) {
                    List<String> k = e.getKey();
                    if (k.subList(0, 2).equals(sm) && k.get(2).equals(block)) {
                        // NaN (a score that could not be computed) is left out, so n may be below the fits' count
                        double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite)
                                .toArray();
                        out.add(new Summary(k.get(0), k.get(1), block, k.get(3), MeanInterval.of(v, LEVEL)));
                    }
                }
            }
        }
        return out;
    }

    private static void write(ClaimExperiment e, CsvTable raw, CsvTable fits, List<Summary> summary, Path out)
            throws IOException {
        raw.write(out.resolve("raw.csv"));
        fits.write(out.resolve("fits.csv"));
        CsvTable table = new CsvTable(SUMMARY_COLUMNS);
        for (Summary s : summary) {
            table.add(List.of(s.setting(), s.mode(), s.block(), s.metric(), number(s.interval().mean()),
                    number(s.interval().low()), number(s.interval().high())));
        }
        table.write(out.resolve("summary.csv"));
        String md = markdown(summary);
        AtomicFiles.write(out.resolve("summary.md"), w -> w.write(md));
        List<ClaimsPlot.Bar> bars = new ArrayList<>();
        for (Summary s : summary) {
            if (MAIN_METRICS.contains(s.metric()) && !s.metric().startsWith("leakage")) {
                bars.add(new ClaimsPlot.Bar(s.setting() + " | " + s.mode(), s.block(), s.metric(),
                        s.interval().mean(), s.interval().low(), s.interval().high()));
            }
        }
        byte[] png = ClaimsPlot.render("Experiment " + e.name(), bars,
                new PlotSize(1400, Math.min(PlotSize.MAX, 220 + 70 * (int) bars.stream()
                        .map(ClaimsPlot.Bar::category).distinct().count())));
        AtomicFiles.writeBytes(out.resolve("figure.png"), o -> o.write(png));
    }

    /** The main scores, one row per setting, mode and block: mean [95% interval]. */
    public static String markdown(List<Summary> summary) {
        StringBuilder sb = new StringBuilder("| setting | mode | block |");
        for (String m : MAIN_METRICS) {
            sb.append(' ').append(m).append(" |");
        }
        sb.append("\n|---|---|---|").append("---|".repeat(MAIN_METRICS.size())).append('\n');
        Map<List<String>, Map<String, MeanInterval>> rows = new LinkedHashMap<>();
        for (Summary s : summary) {
            rows.computeIfAbsent(List.of(s.setting(), s.mode(), s.block()), k -> new LinkedHashMap<>())
                    .put(s.metric(), s.interval());
        }
        for (var r : rows.entrySet()) {
            sb.append("| ").append(String.join(" | ", r.getKey())).append(" |");
            for (String m : MAIN_METRICS) {
                MeanInterval v = r.getValue().get(m);
                sb.append(' ').append(v == null ? "" : cell(v)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cell(MeanInterval v) {
        return Double.isNaN(v.low()) ? String.format(Locale.ROOT, "%.3f (n=%d)", v.mean(), v.n())
                : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", v.mean(), v.low(), v.high());
    }

    /** Full precision, or an empty cell for NaN (an interval of a single value). */
    private static Object number(double v) {
        return Double.isNaN(v) ? "" : v;
    }
}
