package org.cdgm.knime.settings;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.training.TrainingMode;
import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/**
 * Dialog sections shared by the learner and the tuner. Every label here is also an option name in the node
 * descriptions (the build checks it), so what the user reads in the dialog is what the description explains.
 */
public final class SettingsDialogs {
    private SettingsDialogs() {
    }

    @SuppressWarnings("unchecked") // KNIME's column selection takes a generic varargs type filter
    public static void addDataSelection(DefaultNodeSettingsPane pane, DataSelectionSettings s) {
        pane.createNewGroup("Cells and genes");
        pane.addDialogComponent(new DialogComponentColumnNameSelection(s.conditionColumn, "Condition column", 0,
                StringValue.class));
        pane.addDialogComponent(new DialogComponentString(s.backgroundLabel, "Background label"));
        pane.addDialogComponent(new DialogComponentString(s.targetLabel, "Target label"));
        pane.addDialogComponent(new DialogComponentString(s.excludedColumns, "Excluded columns (pattern)"));
        pane.closeCurrentGroup();
    }

    public static void addLatentSizes(DefaultNodeSettingsPane pane, LatentSizeSettings s) {
        pane.addDialogComponent(new DialogComponentNumber(s.sharedDim, "Shared latent size (k_z)", 1));
        pane.addDialogComponent(new DialogComponentNumber(s.salientDim, "Salient latent size (k_t)", 1));
    }

    public static void addModel(DefaultNodeSettingsPane pane, ModelNodeSettings s) {
        pane.addDialogComponent(new DialogComponentStringSelection(s.likelihood, "Likelihood",
                Choices.names(Likelihood.class)));
        pane.addDialogComponent(new DialogComponentNumber(s.hiddenWidth, "Hidden layer width", 16));
        pane.addDialogComponent(new DialogComponentNumber(s.hiddenLayers, "Hidden layers", 1));
        pane.addDialogComponent(new DialogComponentStringSelection(s.prior, "Prior", Choices.names(PriorKind.class)));
        pane.addDialogComponent(new DialogComponentNumber(s.priorComponents, "Prior components", 1));
    }

    public static void addTraining(DefaultNodeSettingsPane pane, TrainingNodeSettings s) {
        pane.createNewGroup("Objective");
        pane.addDialogComponent(new DialogComponentStringSelection(s.mode, "Training mode",
                Choices.names(TrainingMode.class)));
        pane.addDialogComponent(new DialogComponentStringSelection(s.regulariser, "Regulariser",
                Choices.names(RegulariserKind.class)));
        pane.addDialogComponent(new DialogComponentNumber(s.penaltyWeight, "Penalty weight", 0.1));
        pane.addDialogComponent(new DialogComponentNumber(s.epsilon, "Epsilon", 0.01));
        pane.closeCurrentGroup();
        pane.createNewGroup("Optimisation");
        pane.addDialogComponent(new DialogComponentNumber(s.epochs, "Epochs", 10));
        pane.addDialogComponent(new DialogComponentNumber(s.batchSize, "Batch size", 32));
        pane.addDialogComponent(new DialogComponentNumber(s.learningRate, "Learning rate", 0.001));
        pane.addDialogComponent(new DialogComponentNumber(s.validationFraction, "Validation fraction", 0.05));
        pane.addDialogComponent(new DialogComponentNumber(s.patience, "Patience", 5));
        pane.addDialogComponent(new DialogComponentNumber(s.seed, "Seed", 1));
        pane.closeCurrentGroup();
    }
}
