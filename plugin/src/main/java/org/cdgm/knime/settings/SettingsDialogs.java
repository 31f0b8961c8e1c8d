package org.cdgm.knime.settings;

import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingSettings;
import org.knime.core.node.defaultnodesettings.DialogComponentButtonGroup;

/**
 * Dialog sections shared by the learner and the tuner. Every label here is also an option name in the node
 * descriptions (the build checks it), so what the user reads in the dialog is what the description explains;
 * the tooltips are the first sentences of those options.
 */
public final class SettingsDialogs {
    private SettingsDialogs() {
    }

    /** Condition column picked from the input's string columns, labels from its possible values (port 0). */
    public static void addDataSelection(DescribedSettingsPane pane, DataSelectionSettings s) {
        pane.createNewGroup("Cells and genes");
        pane.column(s.conditionColumn, "Condition column", 0);
        pane.valueOf(s.backgroundLabel, "Background label", 0, s.conditionColumn);
        pane.valueOf(s.targetLabel, "Target label", 0, s.conditionColumn);
        pane.text(s.excludedColumns, "Excluded columns (pattern)");
        pane.closeCurrentGroup();
    }

    public static void addLatentSizes(DescribedSettingsPane pane, LatentSizeSettings s) {
        pane.number(s.sharedDim, "Shared latent size (k_z)");
        pane.number(s.salientDim, "Salient latent size (k_t)");
    }

    /** Likelihood, network size and prior; prior components only for the mixture prior. */
    public static void addModel(DescribedSettingsPane pane, ModelNodeSettings s) {
        pane.choice(s.likelihood, "Likelihood", LikelihoodChoice.values());
        pane.number(s.hiddenWidth, "Hidden layer width");
        pane.number(s.hiddenLayers, "Hidden layers");
        pane.choice(s.prior, "Prior", PriorKind.values());
        pane.number(s.priorComponents, "Prior components");
        pane.enableWhen(s.priorComponents, () -> PriorKind.MIXTURE_OF_GAUSSIANS.name().equals(s.prior
                .getStringValue()), s.prior);
    }

    /** Training mode and regulariser; no regulariser is offered only in unconstrained modes. */
    public static void addObjective(DescribedSettingsPane pane, TrainingNodeSettings s) {
        pane.createNewGroup("Objective");
        pane.choice(s.mode, "Training mode", TrainingMode.values());
        DialogComponentButtonGroup regulariser = pane.choice(s.regulariser, "Regulariser",
                RegulariserKind.values());
        pane.disableChoice(regulariser, RegulariserKind.NONE.name(), () -> constrained(s), s.mode, s.regulariser);
        pane.closeCurrentGroup();
    }

    /**
     * Penalty weight (unconstrained modes only) and epsilon (constrained modes only): automatic, or the number typed
     * once automatic is off.
     */
    public static void addLevels(DescribedSettingsPane pane, TrainingNodeSettings s) {
        pane.createNewGroup("Regulariser strength");
        pane.number(s.penaltyWeight, "Penalty weight");
        pane.check(s.epsilonAuto, "Automatic epsilon");
        pane.number(s.epsilon, "Epsilon");
        pane.enableWhen(s.penaltyWeight, () -> !constrained(s), s.mode);
        pane.enableWhen(s.epsilonAuto, () -> constrained(s), s.mode);
        pane.enableWhen(s.epsilon, () -> constrained(s) && !s.epsilonAuto.getBooleanValue(), s.mode, s.epsilonAuto);
        pane.closeCurrentGroup();
    }

    /** For the tuner: penalty weight and epsilon are not shown (its grid sets them) but handed back unchanged. */
    public static void keepLevels(DescribedSettingsPane pane, TrainingNodeSettings s) {
        pane.keep(s.penaltyWeight, s.epsilonAuto, s.epsilon);
    }

    /**
     * Epochs, batch, learning rate, validation and seed; patience needs validation cells. Then what keeps the first
     * steps from blowing up: learning-rate and KL warm-up, gradient clipping. Then the threads of one fit.
     */
    public static void addOptimisation(DescribedSettingsPane pane, TrainingNodeSettings s) {
        pane.createNewGroup("Optimisation");
        pane.number(s.epochs, "Epochs");
        pane.number(s.batchSize, "Batch size");
        pane.number(s.learningRate, "Learning rate", TrainingSettings.LEARNING_RATE);
        pane.number(s.validationFraction, "Validation fraction", TrainingSettings.VALIDATION_FRACTION);
        pane.number(s.patience, "Patience");
        pane.number(s.seed, "Seed");
        pane.enableWhen(s.patience, () -> s.validationFraction.getDoubleValue() > 0, s.validationFraction);
        pane.closeCurrentGroup();
        pane.createNewGroup("Stable training");
        pane.number(s.warmupEpochs, "Learning-rate warm-up epochs");
        pane.number(s.klWarmupEpochs, "KL warm-up epochs");
        pane.number(s.gradientClip, "Gradient clipping");
        pane.closeCurrentGroup();
        pane.createNewGroup("Speed");
        pane.number(s.threads, "Threads");
        pane.closeCurrentGroup();
    }

    /** Whether the chosen mode is constrained; an unreadable value (flow variable) counts as not constrained. */
    private static boolean constrained(TrainingNodeSettings s) {
        try {
            return TrainingMode.valueOf(s.mode.getStringValue()).isConstrained();
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
