package org.cdgm.cli.experiment;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cdgm.cli.FitCommand;
import org.cdgm.cli.OutputCommand;
import org.cdgm.engine.runtime.Nd4jRuntime;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The three experiments behind the paper's claims, {@code cdgm experiment mixing|noise|misspecified}: the same
 * options and output, the settings from the engine's {@link ClaimExperiment}, the run by {@link ClaimRunner}. Each
 * subclass names one experiment. See docs/experiments.md.
 */
@Command(sortOptions = false,
        sortSynopsis = false,
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nOutput (in --out, rewritten after each simulated data set):%n",
        footer = {"raw.csv      one row per fit and score: setting, mode, data_seed, train_seed, other_seed, block "
                + "(shared or salient), metric, value. Seed-stability rows (stability_mcc, stability_r2) are per "
                + "pair of fits of the same data set, setting and mode: train_seed and other_seed name the pair.",
                "summary.csv  setting, mode, block, metric, mean, ci_low, ci_high: the mean over fits (data seeds x "
                        + "training seeds; for stability over pairs) with a 95%% Student t interval (empty with a "
                        + "single value).",
                "summary.md   the main scores as a markdown table, also printed on stdout.",
                "fits.csv     one row per fit: epochs_run, best_epoch, seconds.",
                "figure.png   mean and interval of mcc_aligned, r2_kernel, r2_reverse_kernel and stability_mcc per "
                        + "setting and mode, shared and salient space.",
                "",
                "Scores (1 is best, leakage 0 is best): mcc (matched Pearson correlation of learned and true "
                        + "coordinates), mcc_aligned (after an affine map: what the theory promises), r2_linear and "
                        + "r2_kernel (held-out R^2 of the true block from the learned one), r2_reverse_* (of the "
                        + "learned block from the true one), leakage_* (salient block: true salient from learned "
                        + "shared; shared block: true shared from learned salient), stability_* (two training "
                        + "seeds' coordinates against each other).",
                "",
                "Progress goes to stderr. Exit status: 0 success, 1 a fit failed, 2 wrong usage.",
                "Set OMP_NUM_THREADS=1 on a shared machine: fits run one at a time unless --parallel is given."})
abstract class ClaimExperimentCommand extends OutputCommand {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--quick", description = "A run of a few minutes that exercises everything (its numbers are not "
            + "evidence): ${COMMAND-NAME}'s settings on 400 + 400 cells of 20 genes, at most 50 epochs, 2 training "
            + "seeds x 1 data seed; without it 2,000 + 2,000 cells of 100 genes, at most 150 epochs (early stopping), "
            + "2 training seeds x 3 data seeds.")
    boolean quick;

    @Option(names = "--seeds", paramLabel = "N", description = "Training seeds 1..N per data set, setting and mode "
            + "(default 2; at least 2: seed stability compares pairs).")
    Integer seeds;

    @Option(names = "--data-seeds", paramLabel = "N", description = "Simulated data sets per setting, data seeds "
            + "1001..1000+N (default 3, 1 with --quick).")
    Integer dataSeeds;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs of every fit (default 150, 50 with "
            + "--quick).")
    Integer epochs;

    @Option(names = "--mode", paramLabel = "MODE", split = ",", converter = FitCommand.ModeConverter.class,
            description = "Training mode: classic, mo, co or mo+co (the Learner's defaults for the mode, as cdgm "
                    + "fit); repeat the option (or separate modes by commas) for several. Default: ${COMMAND-NAME}'s "
                    + "own (see above).")
    List<TrainingMode> modes = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", description = "Fits trained at once (default 1).")
    int parallel = 1;

    /** mixing, noise or misspecified. */
    abstract String experimentName();

    @Override
    public Integer call() throws Exception {
        ExperimentSize size = size();
        ClaimExperiment experiment = ClaimExperiment.named(experimentName(), size);
        Map<String, TrainingSettings> training = training(experiment, size);
        if (parallel < 1) {
            throw usageError("--parallel must be at least 1, got " + parallel);
        }
        Files.createDirectories(out);
        PrintWriter err = spec.commandLine().getErr();
        Nd4jRuntime.initialise(null);
        long start = System.nanoTime();
        int fits = experiment.settings().size() * training.size() * size.fitsPerCell();
        err.printf(Locale.ROOT, "%s: %d settings x %d modes x %d data seeds x %d training seeds = %d fits of %,d + "
                + "%,d cells x %d genes, at most %d epochs%n", experiment.name(), experiment.settings().size(),
                training.size(), size.dataSeeds(), size.seeds(), fits, size.backgroundCells(), size.targetCells(),
                size.genes(), size.epochs());
        List<ClaimRunner.Summary> summary = ClaimRunner.run(experiment, size, training, parallel, out, line -> {
            err.println(line);
            err.flush();
        });
        String md = ClaimRunner.markdown(summary);
        spec.commandLine().getOut().print(md);
        spec.commandLine().getOut().flush();
        err.printf(Locale.ROOT, "wrote %s, summary.csv, summary.md, fits.csv, figure.png in %.0f s%n",
                out.resolve("raw.csv"), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** The size: --quick's or the full one, changed by --seeds, --data-seeds and --epochs. */
    ExperimentSize size() {
        ExperimentSize base = quick ? ExperimentSize.QUICK : ExperimentSize.FULL;
        int s = seeds != null ? seeds : base.seeds();
        int d = dataSeeds != null ? dataSeeds : base.dataSeeds();
        int e = epochs != null ? epochs : base.epochs();
        if (s < 2) {
            throw usageError("--seeds must be at least 2 (seed stability compares pairs of fits), got " + s);
        }
        if (d < 1) {
            throw usageError("--data-seeds must be at least 1, got " + d);
        }
        if (e < 1) {
            throw usageError("--epochs must be at least 1, got " + e);
        }
        return base.withSeeds(s, d).withEpochs(e);
    }

    /** Per mode word, in the order given without repeats (or the experiment's own), the Learner's defaults. */
    Map<String, TrainingSettings> training(ClaimExperiment experiment, ExperimentSize size) {
        List<TrainingMode> chosen = modes.isEmpty() ? experiment.defaultModes()
                : List.copyOf(new LinkedHashSet<>(modes));
        Map<String, TrainingSettings> out = new LinkedHashMap<>();
        for (TrainingMode m : chosen) {
            out.put(FitCommand.ModeConverter.word(m), TrainingSettings.defaults(m).withEpochs(size.epochs()));
        }
        return out;
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
