package org.cdgm.cli.experiment;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.cdgm.cli.OutputCommand;
import org.cdgm.cli.TrainingOptions;
import org.cdgm.engine.analysis.GeneLoadings;
import org.cdgm.engine.analysis.PerturbationEffects;
import org.cdgm.engine.analysis.SalientExpression;
import org.cdgm.engine.metrics.SalientEffectRecovery;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.engine.runtime.Nd4jRuntime;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cdgm experiment effects}: does the model find the genes the true salient factors drive, and does a
 * perturbation without a salient effect get a non-significant p-value? Each repeat simulates a screen with a
 * perturbation that does nothing ({@link NullPerturbationData}), fits the model, scores its salient effects against
 * the truth ({@link SalientEffectRecovery}) and tests every label ({@link PerturbationEffects}). See docs/effects.md.
 */
@Command(name = "effects",
        header = "Check on the simulator that salient effects find the right genes and null perturbations stay "
                + "non-significant.",
        description = {"Each repeat simulates cells with known latents (the simulator's defaults: true k_z = k_t = 2, "
                + "3 mixture components, Gaussian noise; a new data seed each repeat), moves two blocks of background "
                + "cells into the target cells as perturbations that do nothing (labels null_1 and null_2, like "
                + "failed guides) and labels the real target cells by the true component of their salient code (comp_1 .. "
                + "comp_3), fits the model (Gaussian likelihood, k_z = k_t = 2, the Learner's defaults for the "
                + "constrained mode, a new training seed each repeat), then: compares the model's salient effect "
                + "of every target cell on every gene, f(z,t) - f(z,0), with the true one (gene recovery), and "
                + "tests every label against the background cells in the salient and shared spaces (energy "
                + "distance, permutation p-values). See docs/effects.md."},
        sortOptions = false,
        sortSynopsis = false,
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nOutput (in --out, rewritten after each repeat):%n",
        footer = {"gene-recovery.csv  one row per fit: repeat, data_seed, training_seed, spearman (true vs learned "
                + "per-gene effect size), top10_precision (share of the true top 10%% genes among the learned top "
                + "10%%), cell_pearson (true vs learned effect over all target cells and genes), loadings_spearman "
                + "(true effect size vs largest |gene loading|), epochs_run, best_epoch, fit_seconds",
                "calibration.csv    one row per repeat and label (null_1, null_2, comp_1 ..): repeat, label, kind "
                        + "(null or real), cells, "
                        + "salient_p, shared_p, salient_distance, shared_distance, salient_p_adj, shared_p_adj",
                "summary.md         the scores' means ± sd, the rates of p < 0.05 with 95%% intervals (null: "
                        + "calibration; real: power), also printed on stdout",
                "",
                "Progress goes to stderr. Exit status: 0 success, 1 a fit failed, 2 wrong usage.",
                "",
                "Example:",
                "  OMP_NUM_THREADS=1 cdgm experiment effects --out docs/results/effects-simulation"})
public final class EffectsExperimentCommand extends OutputCommand {
    /** Epochs of a --quick run (unless --epochs is given). */
    static final int QUICK_EPOCHS = 3;
    /** Data seeds are DATA_SEED_BASE + repeat; training and test seeds are the repeat (1..R). */
    static final long DATA_SEED_BASE = 1200;
    static final int BACKGROUND = 1000;
    static final int TARGET = 1000;
    /** Null labels per repeat, each a block of (QUICK_)NULL_CELLS background cells. */
    static final int NULL_LABELS = 2;
    static final int NULL_CELLS = 150;
    static final int GENES = 50;
    static final int QUICK_BACKGROUND = 150;
    static final int QUICK_TARGET = 150;
    static final int QUICK_NULL_CELLS = 30;
    static final int QUICK_GENES = 20;
    /** The true latent sizes, fitted as they are. */
    static final int LATENT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--repeats", paramLabel = "R", description = "Repeats, each with its own data and training "
            + "seed (default 30).")
    int repeats = 30;

    @Option(names = "--permutations", paramLabel = "N", description = "Label permutations per test (default 199; "
            + "the smallest p-value is 1/(N+1)).")
    int permutations = 199;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs of every fit (default: the "
            + "Learner's 150 with early stopping; " + QUICK_EPOCHS + " with --quick).")
    Integer epochs;

    @Option(names = "--quick", description = "A small, fast run that exercises everything (for tests): "
            + QUICK_BACKGROUND + " background + " + QUICK_TARGET + " target + " + NULL_LABELS + " x "
            + QUICK_NULL_CELLS + " null cells of " + QUICK_GENES + " genes, " + QUICK_EPOCHS + " epochs; without it "
            + BACKGROUND + " + " + TARGET + " + " + NULL_LABELS + " x " + NULL_CELLS + " cells of " + GENES
            + " genes.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw usageError("--repeats must be at least 1, got " + repeats);
        }
        PerturbationEffects.Settings tests = testSettings(1);
        TrainingSettings training = training();
        Files.createDirectories(out);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        Nd4jRuntime.initialise(null);
        SimulationSettings simulation = simulation();
        int nullCells = quick ? QUICK_NULL_CELLS : NULL_CELLS;
        EffectsExperimentReport report = new EffectsExperimentReport(describe(simulation, nullCells),
                describe(training, tests),
                "cdgm " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        String markdown = "";
        for (int r = 1; r <= repeats; r++) {
            long dataSeed = DATA_SEED_BASE + r;
            NullPerturbationData data = NullPerturbationData.create(simulation.withSeed(dataSeed), NULL_LABELS,
                    nullCells);
            ModelConfig config = ModelConfig.defaults(data.dataset().geneCount(), Likelihood.GAUSSIAN)
                    .withLatentSizes(LATENT, LATENT);
            long f0 = System.nanoTime();
            TrainingResult fit = new Trainer(config, training.withSeed(r)).fit(data.dataset(), new TrainingMonitor() { });
            double fitSeconds = seconds(f0);
            TrainedModel model = fit.model();
            Posterior background = model.posterior(data.dataset().background().matrix());
            Posterior target = model.posterior(data.dataset().target().matrix());
            SalientEffectRecovery.Scores scores = recovery(data, model, target);
            PerturbationEffects.Result effects = PerturbationEffects.compute(background.sharedMean(),
                    background.salientMean(), null, target.sharedMean(), target.salientMean(), data.labels(), null,
                    testSettings(r), null);
            effects.warnings().forEach(w -> err.println("warning: " + w));
            List<EffectsExperimentReport.Test> labelTests = new ArrayList<>();
            for (PerturbationEffects.LabelEffect e : effects.effects()) {
                labelTests.add(new EffectsExperimentReport.Test(r, e.label(),
                        NullPerturbationData.isNull(e.label()), e.cells(), e.salientP(), e.sharedP(),
                        e.salientDistance(), e.sharedDistance(), e.salientPAdj(), e.sharedPAdj()));
            }
            report.add(new EffectsExperimentReport.Fit(r, dataSeed, r, scores, fit.history().size(),
                    fit.bestEpoch(), fitSeconds), labelTests);
            err.printf(Locale.ROOT, "repeat %d/%d (data seed %d): %d epochs in %.0f s; gene recovery: Spearman %.3f, "
                    + "top-10%% precision %.2f, cell Pearson %.3f, loadings Spearman %.3f; %s%n", r, repeats, dataSeed,
                    fit.history().size(), fitSeconds, scores.spearman(), scores.topPrecision(), scores.cellPearson(),
                    scores.loadingsSpearman(), pValues(labelTests));
            markdown = report.write(out, seconds(start));
        }
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().flush();
        err.println("wrote " + out.resolve("gene-recovery.csv") + ", calibration.csv, summary.md");
        return 0;
    }

    /**
     * The model's salient effects of the real target cells against the truth. The Gaussian likelihood decodes in
     * the data's units, the simulator's standardised genes, so true and learned effects are differences in the
     * same units.
     */
    static SalientEffectRecovery.Scores recovery(NullPerturbationData data, TrainedModel model, Posterior target) {
        int[] real = IntStream.range(0, data.real()).toArray();
        int[] genes = IntStream.range(0, data.dataset().geneCount()).toArray();
        double[][] learned = SalientExpression.compute(model, target, null, real, genes).effect();
        Posterior realTarget = new Posterior(pick(target.sharedMean(), data.real()),
                pick(target.sharedVariance(), data.real()), pick(target.salientMean(), data.real()),
                pick(target.salientVariance(), data.real()));
        GeneLoadings.Result loadings = GeneLoadings.compute(model, realTarget, null, GeneLoadings.Settings.defaults());
        return SalientEffectRecovery.score(data.sim().trueSalientEffect(), learned, loadings.mean());
    }

    private static double[][] pick(double[][] rows, int first) {
        return java.util.Arrays.copyOf(rows, first);
    }

    SimulationSettings simulation() {
        SimulationSettings s = SimulationSettings.defaults().withLatentSizes(LATENT, LATENT);
        return quick ? s.withSize(QUICK_BACKGROUND, QUICK_TARGET, QUICK_GENES) : s.withSize(BACKGROUND, TARGET, GENES);
    }

    /** The Learner's defaults for the constrained mode, with --epochs (or --quick's epochs). */
    TrainingSettings training() {
        TrainingSettings t = TrainingSettings.defaults(TrainingMode.CONSTRAINED);
        Integer e = epochs != null ? epochs : quick ? Integer.valueOf(QUICK_EPOCHS) : null;
        if (e != null) {
            try {
                t = t.withEpochs(e);
            } catch (IllegalArgumentException ex) {
                throw usageError(TrainingOptions.optionNames(ex.getMessage()));
            }
        }
        return t;
    }

    private PerturbationEffects.Settings testSettings(long seed) {
        PerturbationEffects.Settings d = PerturbationEffects.Settings.defaults();
        try {
            return new PerturbationEffects.Settings(permutations, d.maxCells(), d.minCells(), seed);
        } catch (IllegalArgumentException e) {
            throw usageError("--permutations: " + e.getMessage());
        }
    }

    static String describe(SimulationSettings s, int nullCells) {
        return String.format(Locale.ROOT, "Each repeat simulates %,d background + %,d target cells of %d genes with "
                + "the simulator's defaults (true k_z = k_t = %d, %d mixture components, %d hidden mixing layers, "
                + "Gaussian noise sd %s; data seed %d + repeat), plus %d x %,d more background cells moved into the "
                + "target cells under the labels null_1 .. null_%d (perturbations without salient effect, like "
                + "failed guides); the "
                + "real target cells are labelled comp_1 .. comp_%d by the true mixture component of their salient "
                + "code. The model is fitted with the Gaussian likelihood and k_z = k_t = %d, the true sizes.",
                s.backgroundCells(), s.targetCells(), s.genes(), s.sharedDim(), s.components(), s.mixingLayers(),
                s.noiseScale(), DATA_SEED_BASE, NULL_LABELS, nullCells, NULL_LABELS, s.components(), LATENT);
    }

    static String describe(TrainingSettings t, PerturbationEffects.Settings tests) {
        return String.format(Locale.ROOT, "%s, training seed = repeat; every label tested against the background "
                + "cells with %d permutations (at most %d cells per group, posterior means of the codes), seed = "
                + "repeat; Benjamini-Hochberg over the labels of a repeat", StabilityCommand.describe(t, false)
                        .replace("for each mode", "for the constrained mode (co)"),
                tests.permutations(), tests.maxCells());
    }

    private static String pValues(List<EffectsExperimentReport.Test> tests) {
        StringBuilder b = new StringBuilder("salient/shared p:");
        tests.stream().sorted(java.util.Comparator.comparing(EffectsExperimentReport.Test::label))
                .forEach(t -> b.append(String.format(Locale.ROOT, " %s %.3f/%.3f", t.label(), t.salientP(),
                        t.sharedP())));
        return b.toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
