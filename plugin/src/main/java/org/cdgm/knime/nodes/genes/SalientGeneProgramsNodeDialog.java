package org.cdgm.knime.nodes.genes;

import org.cdgm.knime.nodes.genes.SalientGeneProgramsNodeSettings.CellChoice;
import org.cdgm.knime.settings.DescribedSettingsPane;

/** Which cells (condition column and labels only when the target cells are chosen by it), the genes, the draws. */
final class SalientGeneProgramsNodeDialog extends DescribedSettingsPane {
    SalientGeneProgramsNodeDialog() {
        super(SalientGeneProgramsNodeFactory.class);
        SalientGeneProgramsNodeSettings s = new SalientGeneProgramsNodeSettings();
        createNewGroup("Cells");
        choice(s.cells, "Cells", CellChoice.values());
        column(s.target.conditionColumn, "Condition column", 1);
        valueOf(s.backgroundLabel, "Background label", 1, s.target.conditionColumn);
        valueOf(s.target.targetLabel, "Target label", 1, s.target.conditionColumn);
        enableWhen(s.target.conditionColumn, s::byCondition, s.cells);
        enableWhen(s.backgroundLabel, s::byCondition, s.cells);
        enableWhen(s.target.targetLabel, s::byCondition, s.cells);
        closeCurrentGroup();
        createNewGroup("Genes");
        text(s.expressionGenes, "Expression genes");
        number(s.draws, "Posterior draws");
        number(s.maxCells, "Maximum cells");
        number(s.seed, "Seed");
        closeCurrentGroup();
    }
}
