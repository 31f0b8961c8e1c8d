package org.cdgm.knime.settings;

import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.Precision;
import org.cdgm.engine.model.PriorKind;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Architecture of the contrastive VAE, except the latent sizes (set by the learner, swept by the tuner). The decoder is always piecewise affine (ReLU): that is what makes the
 * latent blocks identifiable (Lopez et al. 2024), so it is not offered as a choice here.
 */
public final class ModelNodeSettings extends SettingsGroup {
    public static final String CFG_LIKELIHOOD = "likelihood";
    public static final String CFG_HIDDEN_WIDTH = "hidden_width";
    public static final String CFG_HIDDEN_LAYERS = "hidden_layers";
    public static final String CFG_PRIOR = "prior";
    public static final String CFG_PRIOR_COMPONENTS = "prior_components";

    /**
     * AUTO by default: negative binomial for raw counts, Gaussian otherwise, so that any input works without a
     * choice; a workflow saved with an explicit likelihood keeps it (the value is stored under the same key).
     */
    final SettingsModelString likelihood = add(new SettingsModelString(CFG_LIKELIHOOD,
            LikelihoodChoice.AUTO.name()));
    final SettingsModelIntegerBounded hiddenWidth = add(new SettingsModelIntegerBounded(CFG_HIDDEN_WIDTH, 128, 1,
            4096));
    final SettingsModelIntegerBounded hiddenLayers = add(new SettingsModelIntegerBounded(CFG_HIDDEN_LAYERS, 1, 0,
            8));
    final SettingsModelString prior = add(new SettingsModelString(CFG_PRIOR,
            PriorKind.MIXTURE_OF_GAUSSIANS.name()));
    final SettingsModelIntegerBounded priorComponents = add(new SettingsModelIntegerBounded(CFG_PRIOR_COMPONENTS,
            4, 2, 64));

    public SettingsModelString likelihood() {
        return likelihood;
    }

    public SettingsModelIntegerBounded hiddenWidth() {
        return hiddenWidth;
    }

    public SettingsModelIntegerBounded hiddenLayers() {
        return hiddenLayers;
    }

    public SettingsModelString prior() {
        return prior;
    }

    public SettingsModelIntegerBounded priorComponents() {
        return priorComponents;
    }

    /** How a model spec names the likelihood while AUTO still waits for the data. */
    public static final String AUTO_AT_EXECUTE = "AUTO (chosen from the data at execute)";

    /** The likelihood setting: a fixed likelihood or AUTO (resolved from the input by the engine). */
    public LikelihoodChoice likelihoodChoice() throws InvalidSettingsException {
        return Choices.parse(LikelihoodChoice.class, "Likelihood", likelihood.getStringValue());
    }

    /**
     * Checks every architecture setting for the given input genes and latent sizes, before the likelihood is
     * known (AUTO may need the data): the engine validates a record with the likelihood set or, for AUTO, the
     * Gaussian stand-in, which no other setting depends on.
     */
    public void check(int genes, int sharedDim, int salientDim) throws InvalidSettingsException {
        toModelConfig(genes, sharedDim, salientDim, likelihoodChoice().fixed().orElse(Likelihood.GAUSSIAN));
    }

    /** The engine's architecture record (validated there) for the given input genes, latent sizes and likelihood. */
    public ModelConfig toModelConfig(int genes, int sharedDim, int salientDim, Likelihood lik)
            throws InvalidSettingsException {
        likelihoodChoice();
        PriorKind p = Choices.parse(PriorKind.class, "Prior", prior.getStringValue());
        int layers = hiddenLayers.getIntValue();
        return engine(() -> new ModelConfig(genes, sharedDim, salientDim,
                hiddenWidth.getIntValue(), layers, layers, Activation.RELU, lik, p, priorComponents.getIntValue(),
                Precision.FLOAT32));
    }
}
