package org.cdgm.knime.settings;

import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** How the model is trained; defaults are the engine's ({@link TrainingSettings#defaults}) in constrained mode. */
public final class TrainingNodeSettings extends SettingsGroup {
    public static final String CFG_MODE = "training_mode";
    public static final String CFG_REGULARISER = "regulariser";
    public static final String CFG_PENALTY_WEIGHT = "penalty_weight";
    public static final String CFG_EPSILON = "epsilon";
    public static final String CFG_EPOCHS = "epochs";
    public static final String CFG_BATCH_SIZE = "batch_size";
    public static final String CFG_LEARNING_RATE = "learning_rate";
    public static final String CFG_VALIDATION_FRACTION = "validation_fraction";
    public static final String CFG_PATIENCE = "patience";
    public static final String CFG_SEED = "seed";

    private static final TrainingSettings DEFAULTS = TrainingSettings.defaults(TrainingMode.CONSTRAINED);

    final SettingsModelString mode = add(new SettingsModelString(CFG_MODE, DEFAULTS.mode().name()));
    final SettingsModelString regulariser = add(new SettingsModelString(CFG_REGULARISER,
            DEFAULTS.regulariser().name()));
    final SettingsModelDoubleBounded penaltyWeight = add(new SettingsModelDoubleBounded(CFG_PENALTY_WEIGHT,
            DEFAULTS.penaltyWeight(), 0, 1e6));
    final SettingsModelDoubleBounded epsilon = add(new SettingsModelDoubleBounded(CFG_EPSILON, DEFAULTS.epsilon(),
            0, 1e6));
    final SettingsModelIntegerBounded epochs = add(new SettingsModelIntegerBounded(CFG_EPOCHS, DEFAULTS.epochs(),
            1, 100_000));
    final SettingsModelIntegerBounded batchSize = add(new SettingsModelIntegerBounded(CFG_BATCH_SIZE,
            DEFAULTS.batchSize(), 2, 1 << 16));
    final SettingsModelDoubleBounded learningRate = add(new SettingsModelDoubleBounded(CFG_LEARNING_RATE,
            DEFAULTS.learningRate(), 1e-7, 0.5));
    final SettingsModelDoubleBounded validationFraction = add(new SettingsModelDoubleBounded(
            CFG_VALIDATION_FRACTION, DEFAULTS.validationFraction(), 0, 0.5));
    final SettingsModelIntegerBounded patience = add(new SettingsModelIntegerBounded(CFG_PATIENCE,
            DEFAULTS.patience(), 0, 100_000));
    final SettingsModelInteger seed = add(new SettingsModelInteger(CFG_SEED, (int) DEFAULTS.seed()));

    public SettingsModelString mode() {
        return mode;
    }

    public SettingsModelString regulariser() {
        return regulariser;
    }

    public SettingsModelDoubleBounded penaltyWeight() {
        return penaltyWeight;
    }

    public SettingsModelDoubleBounded epsilon() {
        return epsilon;
    }

    public SettingsModelIntegerBounded epochs() {
        return epochs;
    }

    public SettingsModelIntegerBounded batchSize() {
        return batchSize;
    }

    public SettingsModelDoubleBounded learningRate() {
        return learningRate;
    }

    public SettingsModelDoubleBounded validationFraction() {
        return validationFraction;
    }

    public SettingsModelIntegerBounded patience() {
        return patience;
    }

    public SettingsModelInteger seed() {
        return seed;
    }

    /** The engine's training record (validated there, with messages naming the setting). */
    public TrainingSettings toTrainingSettings() throws InvalidSettingsException {
        TrainingMode m = Choices.parse(TrainingMode.class, "Training mode", mode.getStringValue());
        RegulariserKind r = Choices.parse(RegulariserKind.class, "Regulariser", regulariser.getStringValue());
        return engine(() -> new TrainingSettings(m, r, Double.NaN, penaltyWeight.getDoubleValue(),
                epsilon.getDoubleValue(), DEFAULTS.dualLearningRate(), epochs.getIntValue(), batchSize.getIntValue(),
                learningRate.getDoubleValue(), validationFraction.getDoubleValue(), patience.getIntValue(),
                seed.getIntValue()));
    }
}
