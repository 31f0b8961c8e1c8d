package org.cdgm.knime.settings;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;

/** The two latent sizes of one model: k_z (shared) and k_t (salient). Defaults suit a CRISPR screen. */
public final class LatentSizeSettings extends SettingsGroup {
    public static final String CFG_SHARED_DIM = "shared_latent_size";
    public static final String CFG_SALIENT_DIM = "salient_latent_size";

    final SettingsModelIntegerBounded sharedDim = add(new SettingsModelIntegerBounded(CFG_SHARED_DIM, 10, 1, 64));
    final SettingsModelIntegerBounded salientDim = add(new SettingsModelIntegerBounded(CFG_SALIENT_DIM, 5, 1,
            64));

    public int sharedSize() {
        return sharedDim.getIntValue();
    }

    public int salientSize() {
        return salientDim.getIntValue();
    }

    public ModelConfig toModelConfig(ModelNodeSettings model, int genes, Likelihood likelihood)
            throws InvalidSettingsException {
        return model.toModelConfig(genes, sharedDim.getIntValue(), salientDim.getIntValue(), likelihood);
    }

    /** Checks the sizes with the architecture settings, before the likelihood is known. */
    public void check(ModelNodeSettings model, int genes) throws InvalidSettingsException {
        model.check(genes, sharedDim.getIntValue(), salientDim.getIntValue());
    }
}
