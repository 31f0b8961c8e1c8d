package org.cdgm.knime.nodes.tuner;

import org.cdgm.knime.settings.DescribedSettingsPane;
import org.cdgm.knime.settings.SettingsDialogs;

/**
 * The grid (and the seeds each candidate is fitted with) and the data selection first; model and training as in
 * the learner, without the penalty weight and epsilon, which the grid's epsilons replace for every fit.
 */
final class MultiObjectiveTunerNodeDialog extends DescribedSettingsPane {
    MultiObjectiveTunerNodeDialog() {
        super(MultiObjectiveTunerNodeFactory.class);
        MultiObjectiveTunerNodeSettings s = new MultiObjectiveTunerNodeSettings();
        createNewGroup("Grid (comma-separated values) and seeds");
        text(s.sharedSizes, "Shared latent sizes (k_z)");
        text(s.salientSizes, "Salient latent sizes (k_t)");
        text(s.epsilons, "Epsilons");
        number(s.seedsPerCandidate, "Seeds per candidate");
        closeCurrentGroup();
        SettingsDialogs.addDataSelection(this, s.data);
        createNewGroup("Model");
        SettingsDialogs.addModel(this, s.model);
        closeCurrentGroup();
        createNewTab("Training");
        SettingsDialogs.addObjective(this, s.training);
        SettingsDialogs.keepLevels(this, s.training);
        SettingsDialogs.addOptimisation(this, s.training);
    }
}
