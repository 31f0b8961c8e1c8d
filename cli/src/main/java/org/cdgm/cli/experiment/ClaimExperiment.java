package org.cdgm.cli.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.training.TrainingMode;

/**
 * The experiments behind the paper's claims (Lopez et al., CLeaR 2024), each a list of settings fitted in the
 * training modes given: {@link #mixing} (piecewise affine vs smooth mixing and decoders), {@link #noise}
 * (Gaussian, Poisson and negative binomial observation noise) and {@link #misspecified} (latent sizes larger than
 * the truth, with negative binomial counts). The simulator is {@link SimulationSettings#defaults()} (true k_z = k_t
 * = 2, 3 mixture components per block, 2 hidden mixing layers, Gaussian noise sd 0.1 or counts with a mean library
 * of 1,000 and NB inverse dispersion 5) at the experiment's size; the model is {@link ModelConfig#defaults} (one
 * hidden layer of 128 units, mixture-of-Gaussians prior) with the likelihood matching the noise.
 *
 * @param name        the experiment's word: mixing, noise or misspecified
 * @param question    what it tests, in a sentence
 * @param settings    the settings, in table order
 * @param defaultModes the training modes fitted unless told otherwise
 */
public record ClaimExperiment(String name, String question, List<ClaimSetting> settings,
                              List<TrainingMode> defaultModes) {
    /** The latent sizes the misspecified fits use, for true sizes 2 and 2 (as docs/identifiability.md). */
    public static final int MISSPECIFIED_DIM = 4;

    public ClaimExperiment {
        settings = List.copyOf(settings);
        defaultModes = List.copyOf(defaultModes);
        if (settings.isEmpty() || defaultModes.isEmpty()) {
            throw new IllegalArgumentException("An experiment needs at least one setting and one training mode");
        }
    }

    /**
     * Mixing leaky ReLU (piecewise affine, "relu") or tanh (smooth) x decoder (and encoders) ReLU or tanh, Gaussian
     * noise, true latent sizes, constrained training by default.
     */
    public static ClaimExperiment mixing(ExperimentSize size) {
        List<ClaimSetting> out = new ArrayList<>();
        for (Activation mixing : List.of(Activation.LEAKY_RELU, Activation.TANH)) {
            for (Activation decoder : List.of(Activation.RELU, Activation.TANH)) {
                SimulationSettings sim = base(size).withMixingActivation(mixing);
                ModelConfig m = ModelConfig.defaults(size.genes(), Likelihood.GAUSSIAN);
                m = m.withNetwork(m.hiddenWidth(), m.encoderLayers(), m.decoderLayers(), decoder);
                out.add(new ClaimSetting("mixing=" + word(mixing) + ",decoder=" + word(decoder), sim, m));
            }
        }
        return new ClaimExperiment("mixing", "Are the shared and salient spaces recovered (up to an affine map) when "
                + "the true map from latent codes to genes and the model's decoder are piecewise affine (ReLU), and "
                + "not when they are smooth (tanh)?", out, List.of(TrainingMode.CONSTRAINED));
    }

    /** Gaussian, Poisson and negative binomial noise, each fitted with its own likelihood, true latent sizes. */
    public static ClaimExperiment noise(ExperimentSize size) {
        List<ClaimSetting> out = new ArrayList<>();
        for (Likelihood noise : List.of(Likelihood.GAUSSIAN, Likelihood.POISSON, Likelihood.NEGATIVE_BINOMIAL)) {
            out.add(new ClaimSetting("noise=" + word(noise), base(size).withNoise(noise),
                    ModelConfig.defaults(size.genes(), noise)));
        }
        return new ClaimExperiment("noise", "Are the two spaces still recovered when the genes are observed as counts "
                + "(Poisson or negative binomial noise at a realistic library size) rather than with Gaussian noise, "
                + "each fitted with the matching likelihood?", out, List.of(TrainingMode.CONSTRAINED));
    }

    /** Latent sizes 4 and 4 for true 2 and 2, negative binomial counts, every training mode by default. */
    public static ClaimExperiment misspecified(ExperimentSize size) {
        int k = MISSPECIFIED_DIM;
        SimulationSettings sim = base(size).withNoise(Likelihood.NEGATIVE_BINOMIAL);
        ModelConfig m = ModelConfig.defaults(size.genes(), Likelihood.NEGATIVE_BINOMIAL).withLatentSizes(k, k);
        return new ClaimExperiment("misspecified", "When the model is given more latent dimensions than the truth "
                + "has (as a user who does not know the sizes would), on count data, which training modes keep the "
                + "salient signal out of the shared space and recover both spaces?",
                List.of(new ClaimSetting("latent=" + k + "+" + k + ",noise=nb", sim, m)),
                List.of(TrainingMode.CLASSIC, TrainingMode.MULTI_OBJECTIVE, TrainingMode.CONSTRAINED,
                        TrainingMode.MULTI_OBJECTIVE_CONSTRAINED));
    }

    /** The experiment of that word at that size. */
    public static ClaimExperiment named(String name, ExperimentSize size) {
        return switch (name) {
            case "mixing" -> mixing(size);
            case "noise" -> noise(size);
            case "misspecified" -> misspecified(size);
            default -> throw new IllegalArgumentException("'" + name + "' is not an experiment: use mixing, noise or "
                    + "misspecified");
        };
    }

    private static SimulationSettings base(ExperimentSize size) {
        return SimulationSettings.defaults().withSize(size.backgroundCells(), size.targetCells(), size.genes());
    }

    /** relu (for leaky and plain ReLU: both piecewise affine) or tanh. */
    static String word(Activation a) {
        return a == Activation.TANH ? "tanh" : "relu";
    }

    /** gaussian, poisson or nb. */
    static String word(Likelihood l) {
        return l == Likelihood.NEGATIVE_BINOMIAL ? "nb" : l.name().toLowerCase(Locale.ROOT);
    }
}
