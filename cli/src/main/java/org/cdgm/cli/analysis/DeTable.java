package org.cdgm.cli.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cdgm.engine.analysis.DifferentialExpression;
import org.cdgm.cli.report.CsvTable;

/** The gene table of {@code cdgm de} and {@code cdgm effects}: one row per group (or label) and gene. */
final class DeTable {
    private DeTable() {
    }

    /**
     * @param firstColumn "group" or "label"
     * @param cells       per group its cell count, or null to leave the column out
     */
    static void write(String firstColumn, Map<String, List<DifferentialExpression.GeneEffect>> table,
                      Map<String, Integer> cells, Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of(firstColumn, "rank", "gene"));
        if (cells != null) {
            header.add("cells");
        }
        header.addAll(List.of("salient_lfc", "lfc_sd", "proba_up", "proba_down", "proba_de", "bayes_factor",
                "is_de", "cells_changed", "expression", "expression_background"));
        CsvTable t = new CsvTable(header);
        for (Map.Entry<String, List<DifferentialExpression.GeneEffect>> e : table.entrySet()) {
            int rank = 1;
            for (DifferentialExpression.GeneEffect g : e.getValue()) {
                List<Object> row = new ArrayList<>(List.of(e.getKey(), rank++, g.gene()));
                if (cells != null) {
                    row.add(cells.get(e.getKey()));
                }
                row.addAll(List.of(g.lfcMean(), g.lfcSd(), g.probaUp(), g.probaDown(), g.probaDe(),
                        g.bayesFactor(), g.isDe() ? 1 : 0, g.cellsChanged(), g.expression(), g.expressionBackground()));
                t.add(row);
            }
        }
        t.write(file);
    }

    static void write(Map<String, List<DifferentialExpression.GeneEffect>> table, Map<String, Integer> cells,
                      Path file) throws IOException {
        write("group", table, cells, file);
    }

    /**
     * The first {@code n} genes called differentially expressed, in the table's order, with + (up) or - (down),
     * e.g. "PSMB9- STAT1-"; "" when none is called.
     */
    static String top(List<DifferentialExpression.GeneEffect> genes, int n) {
        List<String> top = new ArrayList<>();
        for (DifferentialExpression.GeneEffect g : genes) {
            if (g.isDe() && top.size() < n) {
                top.add(g.gene() + (g.lfcMean() >= 0 ? "+" : "-"));
            }
        }
        return String.join(" ", top);
    }
}
