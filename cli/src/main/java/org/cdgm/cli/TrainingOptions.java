package org.cdgm.cli;

import org.cdgm.engine.training.TrainingSettings;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The training options that {@code cdgm fit} and {@code cdgm experiment stability} share (a picocli mixin):
 * {@code --epsilon}, {@code --learning-rate}, {@code --warmup-epochs}, {@code --kl-warmup-epochs},
 * {@code --gradient-clip} and {@code --threads}. Options not given keep the value of the settings they are applied to; the engine
 * ({@link TrainingSettings}) validates them, and its messages are reworded to name the options.
 */
public final class TrainingOptions {
    @Option(names = "--epsilon", paramLabel = "auto|X", converter = EpsilonConverter.class,
            description = "Constrained modes: the most regulariser (squared MMD) accepted. auto (the default) sets it "
                    + "0.04 above the regulariser's noise floor, measured on the first training steps, so that it "
                    + "can be met (cdgm fit reports the value used in summary.json). Or a number >= 0 (the "
                    + "Papalexi screen needed 0.3).")
    Double epsilon;

    @Option(names = "--learning-rate", paramLabel = "X", description = "Adam step size (default 0.01).")
    Double learningRate;

    @Option(names = "--warmup-epochs", paramLabel = "N",
            description = "Epochs over which the learning rate rises from near 0 to its value (default 1; 0 = "
                    + "none). If training blows up early, raise it (e.g. 5) before lowering the learning rate.")
    Integer warmupEpochs;

    @Option(names = "--kl-warmup-epochs", paramLabel = "N",
            description = "Epochs over which the weight of the KL terms rises from 0 to 1, as scVI's "
                    + "n_epochs_kl_warmup (default 0 = none).")
    Integer klWarmupEpochs;

    @Option(names = "--gradient-clip", paramLabel = "X",
            description = "Scale a step's gradient down to X times the typical size of recent steps (default 5; "
                    + "0 = off, otherwise >= 1; try 2 if the loss still spikes).")
    Double gradientClip;

    @Option(names = "--threads", paramLabel = "N|auto", converter = ThreadsConverter.class,
            description = "Threads of one fit: each step's batch is split over them (default auto, also written 0: "
                    + "all processors when a batch has at least 32,768 cells x genes, else 1, and never more than "
                    + "the batch's cells). A fit is reproducible for a given count, which summary.json records; run "
                    + "with OMP_NUM_THREADS=1 (./cdgm does).")
    Integer threads;

    /** Whether any of these options was given (the settings then differ from the Learner's defaults). */
    public boolean any() {
        return epsilon != null || learningRate != null || warmupEpochs != null || klWarmupEpochs != null
                || gradientClip != null || threads != null;
    }

    /**
     * {@code t} with the options given (through its {@code with*} methods); the others keep {@code t}'s values.
     *
     * @param spec the command, for the usage error
     * @throws ParameterException (exit status 2) when the engine refuses a value; the message names the option
     */
    public TrainingSettings applyTo(TrainingSettings t, CommandSpec spec) {
        try {
            if (epsilon != null) {
                t = t.withConstraint(epsilon, t.dualLearningRate()); // NaN: auto
            }
            if (warmupEpochs != null || klWarmupEpochs != null || gradientClip != null) {
                t = t.withStabilisation(warmupEpochs != null ? warmupEpochs : t.warmupEpochs(),
                        klWarmupEpochs != null ? klWarmupEpochs : t.klWarmupEpochs(),
                        gradientClip != null ? gradientClip : t.gradientClip());
            }
            if (learningRate != null) {
                t = t.withLearningRate(learningRate);
            }
            if (threads != null) {
                t = t.withThreads(threads);
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw Main.usageError(spec, optionNames(e.getMessage()));
        }
    }

    /**
     * An engine message with the dialog's setting names ("Setting 'batch size' ...") replaced by the command
     * line's option names ("--batch-size ...").
     */
    public static String optionNames(String message) {
        return message.replace("Setting 'epochs'", "--epochs").replace("Setting 'batch size'", "--batch-size")
                .replace("Setting 'learning rate'", "--learning-rate").replace("Setting 'epsilon'", "--epsilon")
                .replace("Setting 'shared latent size'", "--shared-dim")
                .replace("Setting 'salient latent size'", "--salient-dim")
                .replace("Setting 'learning-rate warm-up epochs'", "--warmup-epochs")
                .replace("Setting 'KL warm-up epochs'", "--kl-warmup-epochs")
                .replace("Setting 'gradient clipping'", "--gradient-clip")
                .replace("Setting 'threads'", "--threads");
    }

    /** auto (0, {@link TrainingSettings#AUTO_THREADS}) or a whole number; the engine checks its range. */
    static final class ThreadsConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String v = value.strip();
            if (v.equalsIgnoreCase("auto")) {
                return TrainingSettings.AUTO_THREADS;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a thread count: use auto or a whole "
                        + "number >= 1");
            }
        }
    }

    /** auto (NaN, the engine's "choose from the data") or a number; the engine checks its range. */
    static final class EpsilonConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.strip();
            if (v.equalsIgnoreCase("auto")) {
                return Double.NaN;
            }
            try {
                double x = Double.parseDouble(v);
                if (Double.isNaN(x)) {
                    throw new NumberFormatException(v);
                }
                return x;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not an epsilon: use auto or a number >= 0");
            }
        }
    }
}
