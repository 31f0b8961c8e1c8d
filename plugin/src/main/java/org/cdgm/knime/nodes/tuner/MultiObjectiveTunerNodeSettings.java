package org.cdgm.knime.nodes.tuner;

import org.cdgm.engine.tuning.TuningGrid;
import org.cdgm.knime.settings.DataSelectionSettings;
import org.cdgm.knime.settings.ModelNodeSettings;
import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.settings.TrainingNodeSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The learner's settings minus the latent sizes, plus the grid to sweep and the seeds per candidate (added later:
 * workflows saved before it load 1, one fit per candidate and the lowest-loss pick, as they computed then).
 */
final class MultiObjectiveTunerNodeSettings extends SettingsGroup {
    static final String CFG_SHARED_SIZES = "shared_latent_sizes";
    static final String CFG_SALIENT_SIZES = "salient_latent_sizes";
    static final String CFG_EPSILONS = "epsilons";
    static final String CFG_SEEDS_PER_CANDIDATE = "seeds_per_candidate";

    final DataSelectionSettings data = new DataSelectionSettings();
    final ModelNodeSettings model = new ModelNodeSettings();
    final TrainingNodeSettings training = new TrainingNodeSettings();
    final SettingsModelString sharedSizes = add(new SettingsModelString(CFG_SHARED_SIZES, "5, 10"));
    final SettingsModelString salientSizes = add(new SettingsModelString(CFG_SALIENT_SIZES, "2, 5"));
    final SettingsModelString epsilons = add(new SettingsModelString(CFG_EPSILONS, "0.1, 0.3"));
    /** Default 2 = TuningGrid.DEFAULT_SEEDS (a literal, as the extension checks read dialog defaults). */
    final SettingsModelInteger seedsPerCandidate = addLater(new SettingsModelInteger(CFG_SEEDS_PER_CANDIDATE, 2),
            new SettingsModelInteger(CFG_SEEDS_PER_CANDIDATE, 1));

    MultiObjectiveTunerNodeSettings() {
        addAll(data);
        addAll(model);
        addAll(training);
    }

    TuningGrid grid() throws InvalidSettingsException {
        return engine(() -> TuningGrid.parse(sharedSizes.getStringValue(), salientSizes.getStringValue(),
                epsilons.getStringValue(), seedsPerCandidate.getIntValue()));
    }

    @Override
    public void check() throws InvalidSettingsException {
        data.toSelection();
        model.check(1, 1, 1);
        training.toTrainingSettings();
        grid();
    }
}
