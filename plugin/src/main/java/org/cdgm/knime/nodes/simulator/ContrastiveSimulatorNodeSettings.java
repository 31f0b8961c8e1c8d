package org.cdgm.knime.nodes.simulator;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.knime.settings.Choices;
import org.cdgm.knime.settings.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Size, latent structure, noise and seed of a simulated comparative data set (engine defaults). */
final class ContrastiveSimulatorNodeSettings extends SettingsGroup {
    static final String CFG_BACKGROUND_CELLS = "background_cells";
    static final String CFG_TARGET_CELLS = "target_cells";
    static final String CFG_GENES = "genes";
    static final String CFG_SHARED_DIM = "shared_latent_size";
    static final String CFG_SALIENT_DIM = "salient_latent_size";
    static final String CFG_NOISE = "noise";
    static final String CFG_SEED = "seed";

    private static final SimulationSettings DEFAULTS = SimulationSettings.defaults();

    final SettingsModelIntegerBounded backgroundCells = add(new SettingsModelIntegerBounded(CFG_BACKGROUND_CELLS,
            DEFAULTS.backgroundCells(), 1, 10_000_000));
    final SettingsModelIntegerBounded targetCells = add(new SettingsModelIntegerBounded(CFG_TARGET_CELLS,
            DEFAULTS.targetCells(), 1, 10_000_000));
    final SettingsModelIntegerBounded genes = add(new SettingsModelIntegerBounded(CFG_GENES, DEFAULTS.genes(), 2,
            100_000));
    final SettingsModelIntegerBounded sharedDim = add(new SettingsModelIntegerBounded(CFG_SHARED_DIM,
            DEFAULTS.sharedDim(), 1, 64));
    final SettingsModelIntegerBounded salientDim = add(new SettingsModelIntegerBounded(CFG_SALIENT_DIM,
            DEFAULTS.salientDim(), 1, 64));
    /**
     * Negative binomial counts by default (the engine's job default is Gaussian): simulated UMI counts are what a
     * biologist's data look like, and they feed the learner's default likelihood (AUTO: negative binomial for
     * counts) directly. Workflows saved with another noise keep it.
     */
    static final Likelihood DEFAULT_NOISE = Likelihood.NEGATIVE_BINOMIAL;

    final SettingsModelString noise = add(new SettingsModelString(CFG_NOISE, DEFAULT_NOISE.name()));
    final SettingsModelInteger seed = add(new SettingsModelInteger(CFG_SEED, (int) DEFAULTS.seed()));

    @Override
    public void check() throws InvalidSettingsException {
        toSimulationSettings();
    }

    SimulationSettings toSimulationSettings() throws InvalidSettingsException {
        Likelihood n = Choices.parse(Likelihood.class, "Noise", noise.getStringValue());
        return engine(() -> DEFAULTS.withSize(backgroundCells.getIntValue(), targetCells.getIntValue(),
                genes.getIntValue()).withLatentSizes(sharedDim.getIntValue(), salientDim.getIntValue()).withNoise(n)
                .withSeed(seed.getIntValue()));
    }
}
