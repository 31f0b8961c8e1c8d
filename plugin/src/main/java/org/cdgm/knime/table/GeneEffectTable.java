package org.cdgm.knime.table;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.analysis.DifferentialExpression;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;

/**
 * The gene table of the Differential Expression and Perturbation Effects nodes: one row per group (or label) and
 * gene, the engine's {@link DifferentialExpression.GeneEffect} in the order the engine ranks them (most likely
 * changed first). The same columns as {@code cdgm de}'s de.csv.
 */
public final class GeneEffectTable {
    private GeneEffectTable() {
    }

    /** @param firstColumn "group" or "label" */
    public static DataTableSpec spec(String firstColumn) {
        List<DataColumnSpec> c = new ArrayList<>();
        c.add(new DataColumnSpecCreator(firstColumn, StringCell.TYPE).createSpec());
        c.add(new DataColumnSpecCreator("rank", IntCell.TYPE).createSpec());
        c.add(new DataColumnSpecCreator("gene", StringCell.TYPE).createSpec());
        c.add(new DataColumnSpecCreator("cells", IntCell.TYPE).createSpec());
        for (String d : new String[] {"salient_lfc", "lfc_sd", "proba_up", "proba_down", "proba_de",
            "bayes_factor"}) {
            c.add(new DataColumnSpecCreator(d, DoubleCell.TYPE).createSpec());
        }
        c.add(new DataColumnSpecCreator("is_de", BooleanCell.TYPE).createSpec());
        for (String d : new String[] {"cells_changed", "expression", "expression_background"}) {
            c.add(new DataColumnSpecCreator(d, DoubleCell.TYPE).createSpec());
        }
        return new DataTableSpec(c.toArray(DataColumnSpec[]::new));
    }

    /** Adds one group's genes, ranked 1, 2, ...; row IDs are "group: gene". */
    public static void add(BufferedDataContainer out, String group, int cells,
                           List<DifferentialExpression.GeneEffect> genes) {
        int rank = 1;
        for (DifferentialExpression.GeneEffect g : genes) {
            DataCell[] row = {new StringCell(group), new IntCell(rank++), new StringCell(g.gene()), new IntCell(cells),
                new DoubleCell(g.lfcMean()), new DoubleCell(g.lfcSd()), new DoubleCell(g.probaUp()),
                new DoubleCell(g.probaDown()), new DoubleCell(g.probaDe()), new DoubleCell(g.bayesFactor()),
                BooleanCell.get(g.isDe()), new DoubleCell(g.cellsChanged()), new DoubleCell(g.expression()),
                new DoubleCell(g.expressionBackground())};
            out.addRowToTable(new DefaultRow(new RowKey(group + ": " + g.gene()), row));
        }
    }

    /**
     * The first {@code n} genes called differentially expressed, in the engine's order, with + (up) or - (down),
     * e.g. "PSMB9- IRF1-"; "" when none is called.
     */
    public static String top(List<DifferentialExpression.GeneEffect> genes, int n) {
        List<String> top = new ArrayList<>();
        for (DifferentialExpression.GeneEffect g : genes) {
            if (g.isDe() && top.size() < n) {
                top.add(g.gene() + (g.lfcMean() >= 0 ? "+" : "-"));
            }
        }
        return String.join(" ", top);
    }
}
