package org.cdgm.knime.nodes.learner;

import org.cdgm.knime.settings.DataSelectionSettings;
import org.cdgm.knime.settings.LatentSizeSettings;
import org.cdgm.knime.settings.ModelNodeSettings;
import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.settings.TrainingNodeSettings;
import org.knime.core.node.InvalidSettingsException;

/** The learner's settings: which cells and genes, the architecture, and how to train. */
final class ContrastiveVaeLearnerNodeSettings extends SettingsGroup {
    final DataSelectionSettings data = new DataSelectionSettings();
    final ModelNodeSettings model = new ModelNodeSettings();
    final LatentSizeSettings sizes = new LatentSizeSettings();
    final TrainingNodeSettings training = new TrainingNodeSettings();

    ContrastiveVaeLearnerNodeSettings() {
        addAll(data);
        addAll(model);
        addAll(sizes);
        addAll(training);
    }

    @Override
    public void check() throws InvalidSettingsException {
        data.toSelection();
        sizes.check(model, 1);
        training.toTrainingSettings();
    }
}
