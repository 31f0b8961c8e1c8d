package org.cdgm.knime.nodes.de;

import org.cdgm.knime.settings.DescribedSettingsPane;

/** Target cells from the table's string columns and values; the groups; the engine's settings. */
final class DifferentialExpressionNodeDialog extends DescribedSettingsPane {
    DifferentialExpressionNodeDialog() {
        super(DifferentialExpressionNodeFactory.class);
        DifferentialExpressionNodeSettings s = new DifferentialExpressionNodeSettings();
        createNewGroup("Target cells");
        column(s.cells.conditionColumn, "Condition column", 1);
        valueOf(s.cells.targetLabel, "Target label", 1, s.cells.conditionColumn);
        closeCurrentGroup();
        createNewGroup("Groups");
        optionalColumn(s.groupColumn, "Group column", 1);
        text(s.groups, "Groups");
        enableWhen(s.groups, () -> s.group() != null, s.groupColumn);
        closeCurrentGroup();
        createNewGroup("Test");
        number(s.delta, "Delta");
        number(s.fdr, "False discovery rate");
        number(s.draws, "Posterior draws");
        number(s.cellsPerDraw, "Cells per draw");
        number(s.seed, "Seed");
        closeCurrentGroup();
    }
}
