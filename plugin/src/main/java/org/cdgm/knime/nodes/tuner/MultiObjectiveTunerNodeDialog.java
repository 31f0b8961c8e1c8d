package org.cdgm.knime.nodes.tuner;

import org.cdgm.knime.settings.SettingsDialogs;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

/** The grid and the data selection first; model and training as in the learner. */
final class MultiObjectiveTunerNodeDialog extends DefaultNodeSettingsPane {
    MultiObjectiveTunerNodeDialog() {
        MultiObjectiveTunerNodeSettings s = new MultiObjectiveTunerNodeSettings();
        createNewGroup("Grid (comma-separated values)");
        addDialogComponent(new DialogComponentString(s.sharedSizes, "Shared latent sizes (k_z)"));
        addDialogComponent(new DialogComponentString(s.salientSizes, "Salient latent sizes (k_t)"));
        addDialogComponent(new DialogComponentString(s.epsilons, "Epsilons"));
        closeCurrentGroup();
        SettingsDialogs.addDataSelection(this, s.data);
        createNewGroup("Model");
        SettingsDialogs.addModel(this, s.model);
        closeCurrentGroup();
        createNewTab("Training");
        SettingsDialogs.addTraining(this, s.training);
    }
}
