package org.cdgm.knime.nodes.learner;

import org.cdgm.knime.settings.SettingsDialogs;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;

/** Data selection and model on the first tab, the training objective and optimiser on the second. */
final class ContrastiveVaeLearnerNodeDialog extends DefaultNodeSettingsPane {
    ContrastiveVaeLearnerNodeDialog() {
        ContrastiveVaeLearnerNodeSettings s = new ContrastiveVaeLearnerNodeSettings();
        SettingsDialogs.addDataSelection(this, s.data);
        createNewGroup("Model");
        SettingsDialogs.addLatentSizes(this, s.sizes);
        SettingsDialogs.addModel(this, s.model);
        closeCurrentGroup();
        createNewTab("Training");
        SettingsDialogs.addTraining(this, s.training);
    }
}
