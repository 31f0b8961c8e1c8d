package org.cdgm.knime.nodes.simulator;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.knime.settings.DescribedSettingsPane;

/** Sizes, latent structure, noise and seed. */
final class ContrastiveSimulatorNodeDialog extends DescribedSettingsPane {
    ContrastiveSimulatorNodeDialog() {
        super(ContrastiveSimulatorNodeFactory.class);
        ContrastiveSimulatorNodeSettings s = new ContrastiveSimulatorNodeSettings();
        number(s.backgroundCells, "Background cells");
        number(s.targetCells, "Target cells");
        number(s.genes, "Genes");
        number(s.sharedDim, "Shared latent size (k_z)");
        number(s.salientDim, "Salient latent size (k_t)");
        choice(s.noise, "Noise", Likelihood.values());
        number(s.seed, "Seed");
    }
}
