package org.cdgm.knime.settings;

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

    public ModelConfig toModelConfig(ModelNodeSettings model, int genes) throws InvalidSettingsException {
        return model.toModelConfig(genes, sharedDim.getIntValue(), salientDim.getIntValue());
    }
}
