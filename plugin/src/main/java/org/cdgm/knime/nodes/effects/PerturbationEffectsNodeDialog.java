package org.cdgm.knime.nodes.effects;

import org.cdgm.knime.settings.DescribedSettingsPane;

/** Background and target cells, the label and replicate columns from the table's string columns, the test. */
final class PerturbationEffectsNodeDialog extends DescribedSettingsPane {
    PerturbationEffectsNodeDialog() {
        super(PerturbationEffectsNodeFactory.class);
        PerturbationEffectsNodeSettings s = new PerturbationEffectsNodeSettings();
        createNewGroup("Cells");
        column(s.cells.conditionColumn, "Condition column", 1);
        valueOf(s.backgroundLabel, "Background label", 1, s.cells.conditionColumn);
        valueOf(s.cells.targetLabel, "Target label", 1, s.cells.conditionColumn);
        column(s.labelColumn, "Label column", 1);
        optionalColumn(s.strataColumn, "Replicate column", 1);
        closeCurrentGroup();
        createNewGroup("Test");
        number(s.permutations, "Permutations");
        number(s.maxCells, "Maximum cells");
        number(s.minCells, "Minimum cells");
        number(s.delta, "Delta");
        number(s.seed, "Seed");
        closeCurrentGroup();
    }
}
