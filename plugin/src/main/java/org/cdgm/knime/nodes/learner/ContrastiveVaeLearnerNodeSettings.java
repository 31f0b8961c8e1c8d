package org.cdgm.knime.nodes.learner;

import org.cdgm.knime.settings.DataSelectionSettings;
import org.cdgm.knime.settings.LatentSizeSettings;
import org.cdgm.knime.settings.ModelNodeSettings;
import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.settings.TrainingNodeSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The learner's settings: which cells and genes, the architecture, how to train, how many seeds to fit
 * (restarts; added later, so older workflows load 1, one fit as before) and the optional batch column (added
 * later, so older workflows load none).
 */
final class ContrastiveVaeLearnerNodeSettings extends SettingsGroup {
    static final String CFG_RESTARTS = "restarts";
    static final String CFG_BATCH_COLUMN = "batch_column";

    final DataSelectionSettings data = new DataSelectionSettings();
    final ModelNodeSettings model = new ModelNodeSettings();
    final LatentSizeSettings sizes = new LatentSizeSettings();
    final TrainingNodeSettings training = new TrainingNodeSettings();
    final SettingsModelInteger restarts = addLater(new SettingsModelInteger(CFG_RESTARTS, 1));
    final SettingsModelString batchColumn = addLater(new SettingsModelString(CFG_BATCH_COLUMN, ""));

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
        seeds();
        batchColumn();
    }

    /**
     * The batch column, or null for none (blank).
     *
     * @throws InvalidSettingsException when it is the condition column
     */
    String batchColumn() throws InvalidSettingsException {
        String b = batchColumn.getStringValue();
        if (b == null || b.isBlank()) {
            return null;
        }
        if (b.strip().equals(data.conditionColumn().getStringValue())) {
            throw new InvalidSettingsException("Setting 'Batch column' is the condition column '" + b.strip()
                    + "': a batch that tells background from target would take away the very difference the model "
                    + "looks for; choose the replicate or batch column, or none");
        }
        return b.strip();
    }

    /**
     * The seeds to fit: the training seed and, with restarts N > 1, the next N - 1 integers.
     *
     * @throws InvalidSettingsException when restarts is below 1
     */
    long[] seeds() throws InvalidSettingsException {
        int n = restarts.getIntValue();
        if (n < 1) {
            throw new InvalidSettingsException("Setting 'Restarts (seeds)' must be at least 1 (one fit), got " + n);
        }
        long first = training.seed().getIntValue();
        return java.util.stream.LongStream.range(first, first + n).toArray();
    }
}
