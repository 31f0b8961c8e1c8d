package org.cdgm.knime.nodes.simulator;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.knime.settings.DescribedSettingsPane;

/** Sizes, latent structure, noise and seed. */
final class ContrastiveSimulatorNodeDialog extends DescribedSettingsPane {
    ContrastiveSimulatorNodeDialog() {
        super(ContrastiveSimulatorNodeFactory.class);
        ContrastiveSimulatorNodeSettings s = new ContrastiveSimulatorNodeSettings();
        number(s.backgroundCells, "Background cells", 100);
        number(s.targetCells, "Target cells", 100);
        number(s.genes, "Genes", 10);
        number(s.sharedDim, "Shared latent size (k_z)", 1);
        number(s.salientDim, "Salient latent size (k_t)", 1);
        choice(s.noise, "Noise", Likelihood.values());
        number(s.seed, "Seed", 1);
    }
}
