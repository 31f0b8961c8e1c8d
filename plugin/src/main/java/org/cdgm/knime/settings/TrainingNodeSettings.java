package org.cdgm.knime.settings;

import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDouble;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * How the model is trained; defaults are the engine's ({@link TrainingSettings#defaults}) in constrained mode.
 * Epsilon is automatic (chosen from the data by the engine) unless "Automatic epsilon" is off; the number then used
 * is kept as its own setting so that switching back and forth does not lose it. The warm-up and clipping settings
 * came later ({@link #addLater}): older workflows load the engine's defaults for them, keep their typed epsilon and
 * train on one thread as they did.
 * Their ranges are the engine's (its message names the setting), so the models here are unbounded. The bounded
 * models take their bounds from the engine too ({@link TrainingSettings#LEARNING_RATE} etc.), the closest values
 * inside an open end: a value the dialog accepts is one the engine accepts.
 */
public final class TrainingNodeSettings extends SettingsGroup {
    public static final String CFG_MODE = "training_mode";
    public static final String CFG_REGULARISER = "regulariser";
    public static final String CFG_PENALTY_WEIGHT = "penalty_weight";
    public static final String CFG_EPSILON = "epsilon";
    public static final String CFG_EPSILON_AUTO = "epsilon_auto";
    public static final String CFG_WARMUP_EPOCHS = "warmup_epochs";
    public static final String CFG_KL_WARMUP_EPOCHS = "kl_warmup_epochs";
    public static final String CFG_GRADIENT_CLIP = "gradient_clip";
    public static final String CFG_EPOCHS = "epochs";
    public static final String CFG_BATCH_SIZE = "batch_size";
    public static final String CFG_LEARNING_RATE = "learning_rate";
    public static final String CFG_VALIDATION_FRACTION = "validation_fraction";
    public static final String CFG_PATIENCE = "patience";
    public static final String CFG_SEED = "seed";
    public static final String CFG_THREADS = "threads";

    private static final TrainingSettings DEFAULTS = TrainingSettings.defaults(TrainingMode.CONSTRAINED);

    final SettingsModelString mode = add(new SettingsModelString(CFG_MODE, DEFAULTS.mode().name()));
    final SettingsModelString regulariser = add(new SettingsModelString(CFG_REGULARISER,
            DEFAULTS.regulariser().name()));
    final SettingsModelDoubleBounded penaltyWeight = add(new SettingsModelDoubleBounded(CFG_PENALTY_WEIGHT,
            DEFAULTS.penaltyWeight(), TrainingSettings.PENALTY_WEIGHT.lowestIncluded(),
            TrainingSettings.PENALTY_WEIGHT.highestIncluded()));
    /** The engine's default epsilon is automatic (NaN); this is the level used once automatic is switched off. */
    final SettingsModelDoubleBounded epsilon = add(new SettingsModelDoubleBounded(CFG_EPSILON, 0.05,
            TrainingSettings.EPSILON.lowestIncluded(), TrainingSettings.EPSILON.highestIncluded()));
    final SettingsModelBoolean epsilonAuto = addLater(new SettingsModelBoolean(CFG_EPSILON_AUTO, true),
            new SettingsModelBoolean(CFG_EPSILON_AUTO, false));
    final SettingsModelIntegerBounded epochs = add(new SettingsModelIntegerBounded(CFG_EPOCHS, DEFAULTS.epochs(),
            TrainingSettings.EPOCHS.lowestInt(), TrainingSettings.EPOCHS.highestInt()));
    final SettingsModelIntegerBounded batchSize = add(new SettingsModelIntegerBounded(CFG_BATCH_SIZE,
            DEFAULTS.batchSize(), TrainingSettings.BATCH_SIZE.lowestInt(), TrainingSettings.BATCH_SIZE.highestInt()));
    final SettingsModelDoubleBounded learningRate = add(new SettingsModelDoubleBounded(CFG_LEARNING_RATE,
            DEFAULTS.learningRate(), TrainingSettings.LEARNING_RATE.lowestIncluded(),
            TrainingSettings.LEARNING_RATE.highestIncluded()));
    final SettingsModelDoubleBounded validationFraction = add(new SettingsModelDoubleBounded(
            CFG_VALIDATION_FRACTION, DEFAULTS.validationFraction(),
            TrainingSettings.VALIDATION_FRACTION.lowestIncluded(),
            TrainingSettings.VALIDATION_FRACTION.highestIncluded()));
    final SettingsModelIntegerBounded patience = add(new SettingsModelIntegerBounded(CFG_PATIENCE,
            DEFAULTS.patience(), TrainingSettings.PATIENCE.lowestInt(), TrainingSettings.PATIENCE.highestInt()));
    final SettingsModelInteger seed = add(new SettingsModelInteger(CFG_SEED, (int) DEFAULTS.seed()));
    final SettingsModelInteger warmupEpochs = addLater(new SettingsModelInteger(CFG_WARMUP_EPOCHS,
            DEFAULTS.warmupEpochs()));
    final SettingsModelInteger klWarmupEpochs = addLater(new SettingsModelInteger(CFG_KL_WARMUP_EPOCHS,
            DEFAULTS.klWarmupEpochs()));
    final SettingsModelDouble gradientClip = addLater(new SettingsModelDouble(CFG_GRADIENT_CLIP,
            DEFAULTS.gradientClip()));
    /**
     * 0 = automatic. A workflow saved before the setting existed trained on one thread and loads 1, so it gives the
     * same model bit for bit (a fit's numbers depend on its thread count).
     */
    final SettingsModelInteger threads = addLater(new SettingsModelInteger(CFG_THREADS,
            DEFAULTS.threads()), new SettingsModelInteger(CFG_THREADS, 1));

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

    public SettingsModelBoolean epsilonAuto() {
        return epsilonAuto;
    }

    public SettingsModelInteger warmupEpochs() {
        return warmupEpochs;
    }

    public SettingsModelInteger klWarmupEpochs() {
        return klWarmupEpochs;
    }

    public SettingsModelDouble gradientClip() {
        return gradientClip;
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

    public SettingsModelInteger threads() {
        return threads;
    }

    /** The engine's training record (validated there, with messages naming the setting). */
    public TrainingSettings toTrainingSettings() throws InvalidSettingsException {
        TrainingMode m = Choices.parse(TrainingMode.class, "Training mode", mode.getStringValue());
        RegulariserKind r = Choices.parse(RegulariserKind.class, "Regulariser", regulariser.getStringValue());
        double eps = epsilonAuto.getBooleanValue() ? Double.NaN : epsilon.getDoubleValue(); // NaN: automatic
        return engine(() -> new TrainingSettings(m, r, Double.NaN, penaltyWeight.getDoubleValue(), eps,
                DEFAULTS.dualLearningRate(), epochs.getIntValue(), batchSize.getIntValue(),
                learningRate.getDoubleValue(), validationFraction.getDoubleValue(), patience.getIntValue(),
                seed.getIntValue(), warmupEpochs.getIntValue(), klWarmupEpochs.getIntValue(),
                gradientClip.getDoubleValue(), threads.getIntValue()));
    }
}
