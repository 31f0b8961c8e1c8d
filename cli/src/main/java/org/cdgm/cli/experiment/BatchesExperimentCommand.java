package org.cdgm.cli.experiment;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;

import org.cdgm.cli.TrainingOptions;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.runtime.Nd4jRuntime;
import org.cdgm.engine.training.EpochReport;
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
 * {@code cdgm experiment batches}: does the batch covariate take the replicate structure out of the latent spaces
 * of the Papalexi screen, and does the biology stay? For each training seed, fits the screen without and with
 * {@value ReplicateScreen#REPLICATE_COLUMN} as batch covariate (the same cells, the same training) and scores both
 * fits with {@link ReplicateMixing}. Writes fits.csv and summary.md (also printed on stdout). See docs/papalexi.md.
 */
@Command(name = "batches",
        header = "Fit the Papalexi screen without and with its replicate column as batch covariate and measure how "
                + "far the latent spaces still tell the replicates apart.",
        description = {"Each cell of the Papalexi CRISPR screen comes from one of three biological replicates "
                + "(bio_rep: separate cultures and libraries), and replicates differ a little for technical "
                + "reasons. For each training seed 1..N the screen is fitted twice, without and with --batch-column "
                + "bio_rep (read and prepared as cdgm fit does; negative binomial, k_z = 10, k_t = 5; the Learner's "
                + "defaults for the constrained mode with epsilon " + BatchesExperimentCommand.EPSILON + ", which "
                + "this screen needs: docs/seed-stability.md), and each fit is scored: how well a cell's replicate "
                + "is predicted from its 15 nearest neighbours (against chance) and the replicate silhouette, in "
                + "the shared space (all cells) and the salient space (target cells), and the silhouette of the "
                + "IFN-gamma pathway knockouts in the salient space (the biology that should stay)."},
        sortOptions = false,
        sortSynopsis = false,
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nOutput (in --out, rewritten after each fit):%n",
        footer = {"fits.csv    one row per fit: seed, batch_covariate (none or bio_rep), epochs_run, best_epoch, "
                + "constraint_met, final_lambda, fit_seconds, replicate_knn_shared, replicate_knn_shared_chance, "
                + "replicate_knn_salient, replicate_knn_salient_chance, replicate_silhouette_shared, "
                + "replicate_silhouette_salient, ifng_silhouette_salient",
                "summary.md  the scores without and with the covariate (mean ± sd over seeds when --seeds > 1), "
                        + "also printed on stdout",
                "",
                "Progress goes to stderr. Exit status: 0 success, 1 the screen could not be read or fitted, 2 wrong "
                        + "usage.",
                "",
                "Example:",
                "  OMP_NUM_THREADS=1 cdgm experiment batches --seeds 2 --epochs 40 --out docs/results/batches"})
public final class BatchesExperimentCommand extends ScreenExperiment {
    /** Epochs of a --quick run (unless --epochs is given). */
    static final int QUICK_EPOCHS = 3;
    /** The constraint level this screen can meet (docs/seed-stability.md: the automatic one collapses it). */
    static final double EPSILON = 0.3;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--seeds", paramLabel = "N", description = "Training seeds 1..N, two fits each (default 1).")
    int seeds = 1;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs of every fit (default: the "
            + "Learner's 150 with early stopping; " + QUICK_EPOCHS + " with --quick).")
    Integer epochs;

    @Option(names = "--quick", description = "A small, fast run that exercises everything (for tests): every "
            + PapalexiData.QUICK_STRIDE + "th cell of each condition, the " + PapalexiData.QUICK_GENES + " most "
            + "variable genes, " + QUICK_EPOCHS + " epochs.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1) {
            throw usageError("--seeds must be at least 1, got " + seeds);
        }
        TrainingSettings training = training();
        PapalexiData.folder(data); // a missing screen fails before anything is written
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        err.println("reading the screen...");
        ReplicateScreen screen = ReplicateScreen.read(data, quick, spec);
        ContrastiveDataset with = screen.withReplicates();
        ContrastiveDataset without = screen.withoutReplicates();
        LikelihoodChoice.Decision likelihood = LikelihoodChoice.AUTO.resolve(with);
        ModelConfig plain = ModelConfig.defaults(with.geneCount(), likelihood.likelihood())
                .withLatentSizes(PapalexiData.SHARED_DIM, PapalexiData.SALIENT_DIM);
        err.printf(Locale.ROOT, "%,d background + %,d target cells x %d genes, replicates %s, in %.1f s; %s%n",
                with.background().cells(), with.target().cells(), with.geneCount(),
                String.join(", ", screen.replicateLevels()), seconds(start), likelihood.reason());
        Files.createDirectories(out);
        Nd4jRuntime.initialise(null);
        String column = ReplicateScreen.REPLICATE_COLUMN;
        BatchesReport report = new BatchesReport(screen.describe(quick) + String.format(Locale.ROOT, "; %s "
                + "likelihood (the automatic choice), k_z = %d, k_t = %d", ExperimentData.words(
                        likelihood.likelihood()), PapalexiData.SHARED_DIM, PapalexiData.SALIENT_DIM),
                describe(training), "cdgm " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                column, with.background().cells() + with.target().cells(), with.target().cells());
        String markdown = "";
        for (long seed = 1; seed <= seeds; seed++) {
            for (boolean covariate : new boolean[] {false, true}) {
                ContrastiveDataset d = covariate ? with : without;
                String what = String.format(Locale.ROOT, "seed %d/%d %s", seed, seeds, covariate
                        ? "with " + column : "without covariate");
                long f0 = System.nanoTime();
                TrainingResult fit = new Trainer(plain.withBatchLevels(d.batchLevels()), training.withSeed(seed))
                        .fit(d, progress(err, what));
                double fitSeconds = seconds(f0);
                ReplicateMixing scores = ReplicateMixing.of(fit.model(), d, screen);
                report.add(new BatchesReport.Fit(seed, covariate ? column : BatchesReport.NONE,
                        fit.history().size(), fit.bestEpoch(), fit.constraintMet(), fit.finalLambda(), fitSeconds,
                        scores));
                err.printf(Locale.ROOT, "%s: %s (best %d) in %.0f s, constraint %s; replicate 15-NN accuracy "
                        + "shared %.3f (chance %.3f), salient %.3f (chance %.3f); replicate silhouette shared %.3f, "
                        + "salient %.3f; IFN-gamma silhouette salient %.3f%n", what,
                        StabilityCommand.epochs(fit.history().size()),
                        fit.bestEpoch(), fitSeconds, fit.constraintMet() ? "met" : "not met", scores.knnShared(),
                        scores.chanceShared(), scores.knnSalient(), scores.chanceSalient(),
                        scores.silhouetteShared(), scores.silhouetteSalient(), scores.ifngSilhouetteSalient());
                markdown = report.write(out, seconds(start));
            }
        }
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().flush();
        err.println("wrote " + out.resolve("fits.csv") + ", summary.md");
        return 0;
    }

    /** The Learner's defaults for the constrained mode with epsilon {@value #EPSILON}, and --epochs (or --quick's). */
    TrainingSettings training() {
        TrainingSettings d = TrainingSettings.defaults(TrainingMode.CONSTRAINED);
        TrainingSettings t = d.withConstraint(EPSILON, d.dualLearningRate());
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

    static String describe(TrainingSettings t) {
        return StabilityCommand.describe(t, false).replace("for each mode (as cdgm fit)", "for the constrained "
                + "mode (co, as cdgm fit) except epsilon") + "; training seeds 1..N, the same for both fits of a seed";
    }

    /** Epoch 1 and every 10th epoch, on stderr. */
    private static TrainingMonitor progress(PrintWriter err, String what) {
        return new TrainingMonitor() {
            @Override
            public void onEpoch(EpochReport e) {
                if (e.epoch() == 1 || e.epoch() % 10 == 0) {
                    err.printf(Locale.ROOT, "%s: epoch %d, target loss %.4g, background loss %.4g%n", what,
                            e.epoch(), e.trainTargetLoss(), e.trainBackgroundLoss());
                    err.flush();
                }
            }
        };
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
