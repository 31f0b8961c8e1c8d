package org.cdgm.knime.nodes.learner;

import org.cdgm.knime.settings.DescribedSettingsPane;
import org.cdgm.knime.settings.SettingsDialogs;

/**
 * Data selection, the optional batch column and model on the first tab; the training objective, optimiser and seed restarts on the second.
 */
final class ContrastiveVaeLearnerNodeDialog extends DescribedSettingsPane {
    ContrastiveVaeLearnerNodeDialog() {
        super(ContrastiveVaeLearnerNodeFactory.class);
        ContrastiveVaeLearnerNodeSettings s = new ContrastiveVaeLearnerNodeSettings();
        SettingsDialogs.addDataSelection(this, s.data);
        createNewGroup("Batches (optional)");
        optionalColumn(s.batchColumn, "Batch column", 0);
        closeCurrentGroup();
        createNewGroup("Model");
        SettingsDialogs.addLatentSizes(this, s.sizes);
        SettingsDialogs.addModel(this, s.model);
        closeCurrentGroup();
        createNewTab("Training");
        SettingsDialogs.addObjective(this, s.training);
        SettingsDialogs.addLevels(this, s.training);
        SettingsDialogs.addOptimisation(this, s.training);
        createNewGroup("Seed restarts");
        number(s.restarts, "Restarts (seeds)");
        closeCurrentGroup();
    }
}
