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
     * The engine's default, Gaussian: the learner's default likelihood (AUTO) takes these values as Gaussian, so
     * the default chain works, as it does with count noise (whole-number columns AUTO takes for counts). Counts
     * are not the default because a learner set to Gaussian, as many existing workflows are, diverges on raw
     * counts (its encoder sees them untransformed).
     */
    final SettingsModelString noise = add(new SettingsModelString(CFG_NOISE, DEFAULTS.noise().name()));
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
