package org.cdgm.knime.nodes.simulator;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.knime.settings.Choices;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Sizes, latent structure, noise and seed. */
final class ContrastiveSimulatorNodeDialog extends DefaultNodeSettingsPane {
    ContrastiveSimulatorNodeDialog() {
        ContrastiveSimulatorNodeSettings s = new ContrastiveSimulatorNodeSettings();
        addDialogComponent(new DialogComponentNumber(s.backgroundCells, "Background cells", 100));
        addDialogComponent(new DialogComponentNumber(s.targetCells, "Target cells", 100));
        addDialogComponent(new DialogComponentNumber(s.genes, "Genes", 10));
        addDialogComponent(new DialogComponentNumber(s.sharedDim, "Shared latent size (k_z)", 1));
        addDialogComponent(new DialogComponentNumber(s.salientDim, "Salient latent size (k_t)", 1));
        addDialogComponent(new DialogComponentStringSelection(s.noise, "Noise", Choices.names(Likelihood.class)));
        addDialogComponent(new DialogComponentNumber(s.seed, "Seed", 1));
    }
}
