package org.cdgm.cli;

import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingSettings;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The model and training options of every command that fits a contrastive VAE (a picocli mixin): likelihood,
 * mode, latent sizes, epochs, batch size, the {@link TrainingOptions} and the seed, with the Contrastive VAE
 * Learner's defaults. The engine validates the values; its messages are reworded to name the options.
 */
public final class FitOptions {
    @Option(names = "--likelihood", paramLabel = "NAME", converter = FitCommand.LikelihoodConverter.class,
            description = "How gene values are modelled: auto (the default: negative binomial for whole-number "
                    + "counts, Gaussian otherwise), gaussian, poisson or nb (negative binomial).")
    public LikelihoodChoice likelihood = LikelihoodChoice.AUTO;

    @Option(names = "--mode", paramLabel = "MODE", converter = FitCommand.ModeConverter.class,
            description = "Training mode: classic (fixed penalty weight), mo (multi-objective, MO-cVAE), co "
                    + "(constrained, CO-cVAE; the default) or mo+co.")
    TrainingMode mode = TrainingMode.CONSTRAINED;

    @Option(names = "--shared-dim", paramLabel = "K", description = "Shared latent size k_z (default 10).")
    int sharedDim = 10;

    @Option(names = "--salient-dim", paramLabel = "K", description = "Salient latent size k_t (default 5).")
    int salientDim = 5;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum passes over the larger cell set (default 150).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Cells of each condition per step (default 128; lowered, with a note, for smaller sets).")
    Integer batchSize;

    @Mixin
    TrainingOptions trainingOptions;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of everything random (default 42): the same seed, data and options give the same "
                    + "model.")
    Long seed;

    /** The first (or only) training seed: --seed, default 42. */
    public long seed() {
        return seed == null ? 42 : seed;
    }

    /**
     * The architecture for the data: the likelihood decided for it, the latent sizes given and the data's batch
     * levels (none without --batch-column).
     */
    public ModelConfig config(CommandSpec spec, ContrastiveDataset data, LikelihoodChoice.Decision decision) {
        try {
            return ModelConfig.defaults(data.geneCount(), decision.likelihood()).withLatentSizes(sharedDim,
                    salientDim).withBatchLevels(data.batchLevels());
        } catch (IllegalArgumentException e) {
            throw Main.usageError(spec, TrainingOptions.optionNames(e.getMessage()));
        }
    }

    /** The Learner's training defaults for the mode, with the options given; the engine validates them. */
    public TrainingSettings training(CommandSpec spec) {
        if (trainingOptions.epsilon != null && !mode.isConstrained()) {
            throw Main.usageError(spec, "--epsilon applies to the constrained modes (co, mo+co); --mode "
                    + FitCommand.ModeConverter.word(mode) + " weighs the regulariser with a fixed penalty instead");
        }
        TrainingSettings t = trainingOptions.applyTo(TrainingSettings.defaults(mode).withSeed(seed()), spec);
        try {
            if (epochs != null) {
                t = t.withEpochs(epochs);
            }
            if (batchSize != null) {
                t = t.withBatchSize(batchSize);
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw Main.usageError(spec, TrainingOptions.optionNames(e.getMessage()));
        }
    }
}
