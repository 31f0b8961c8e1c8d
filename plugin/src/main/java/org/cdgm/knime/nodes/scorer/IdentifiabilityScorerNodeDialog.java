package org.cdgm.knime.nodes.scorer;

import org.cdgm.knime.nodes.scorer.IdentifiabilityScorerNodeSettings.Reference;
import org.cdgm.knime.settings.Choices;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Reference kind and column prefixes; quality gates at the bottom. */
final class IdentifiabilityScorerNodeDialog extends DefaultNodeSettingsPane {
    IdentifiabilityScorerNodeDialog() {
        IdentifiabilityScorerNodeSettings s = new IdentifiabilityScorerNodeSettings();
        addDialogComponent(new DialogComponentStringSelection(s.reference, "Reference", Choices.names(Reference.class)));
        createNewGroup("Columns");
        addDialogComponent(new DialogComponentString(s.learnedShared, "Learned shared prefix"));
        addDialogComponent(new DialogComponentString(s.learnedSalient, "Learned salient prefix"));
        addDialogComponent(new DialogComponentString(s.referenceShared, "Reference shared prefix"));
        addDialogComponent(new DialogComponentString(s.referenceSalient, "Reference salient prefix"));
        addDialogComponent(new DialogComponentString(s.conditionColumn, "Condition column"));
        addDialogComponent(new DialogComponentString(s.targetLabel, "Target label"));
        closeCurrentGroup();
        createNewGroup("Quality gates (0 = off)");
        addDialogComponent(new DialogComponentNumber(s.minSharedMcc, "Minimum shared MCC", 0.05));
        addDialogComponent(new DialogComponentNumber(s.minSalientMcc, "Minimum salient MCC", 0.05));
        closeCurrentGroup();
    }
}
