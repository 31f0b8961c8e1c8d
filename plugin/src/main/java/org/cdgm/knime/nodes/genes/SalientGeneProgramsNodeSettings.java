package org.cdgm.knime.nodes.genes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cdgm.engine.analysis.GeneLoadings;
import org.cdgm.engine.data.UserChoice;
import org.cdgm.knime.settings.Choices;
import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.settings.TargetCellsSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Which cells the loadings average over, which genes' expression to write, and the engine's
 * {@link GeneLoadings.Settings} (validated there; its message is shown unchanged).
 */
final class SalientGeneProgramsNodeSettings extends SettingsGroup {
    static final String CFG_CELLS = "cells";
    static final String CFG_BACKGROUND_LABEL = "background_label";
    static final String CFG_EXPRESSION_GENES = "expression_genes";
    static final String CFG_DRAWS = "draws";
    static final String CFG_MAX_CELLS = "max_cells";
    static final String CFG_SEED = "seed";
    /** The word that asks for every gene's expression. */
    static final String ALL_GENES = "all";
    private static final GeneLoadings.Settings DEFAULTS = GeneLoadings.Settings.defaults();

    /** Which rows are the cells whose salient codes the loadings average over. */
    enum CellChoice implements UserChoice {
        /** Rows with the target label; background rows get expression rows too. */
        TARGET("Target cells of the condition column",
                "Loadings over the rows with the target label; the expression output also covers background rows."),
        /** Every row, e.g. a table already filtered to the cells of interest or new cells without a condition. */
        ALL_ROWS("All rows", "Loadings and expression over every row of the input table.");

        private final String title;
        private final String help;

        CellChoice(String title, String help) {
            this.title = title;
            this.help = help;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public String help() {
            return help;
        }
    }

    final TargetCellsSettings target = new TargetCellsSettings();
    final SettingsModelString cells = add(new SettingsModelString(CFG_CELLS, CellChoice.TARGET.name()));
    final SettingsModelString backgroundLabel = add(new SettingsModelString(CFG_BACKGROUND_LABEL, "background"));
    /** Comma-separated gene names, "all", or empty for no expression output. */
    final SettingsModelString expressionGenes = add(new SettingsModelString(CFG_EXPRESSION_GENES, ""));
    final SettingsModelInteger draws = add(new SettingsModelInteger(CFG_DRAWS, DEFAULTS.draws()));
    final SettingsModelInteger maxCells = add(new SettingsModelInteger(CFG_MAX_CELLS, DEFAULTS.maxCells()));
    final SettingsModelInteger seed = add(new SettingsModelInteger(CFG_SEED, (int) DEFAULTS.seed()));

    SalientGeneProgramsNodeSettings() {
        addAll(target);
    }

    CellChoice cellChoice() throws InvalidSettingsException {
        return Choices.parse(CellChoice.class, "Cells", cells.getStringValue());
    }

    boolean byCondition() {
        return CellChoice.TARGET.name().equals(cells.getStringValue());
    }

    GeneLoadings.Settings engineSettings() throws InvalidSettingsException {
        return engine(() -> new GeneLoadings.Settings(draws.getIntValue(), maxCells.getIntValue(),
                seed.getIntValue()));
    }

    /**
     * Indices into the model's genes of the genes whose expression is written, in the order asked for; every gene
     * for "all", none when the setting is empty.
     *
     * @throws InvalidSettingsException naming a gene the model does not have
     */
    int[] expressionGenes(List<String> modelGenes) throws InvalidSettingsException {
        String v = expressionGenes.getStringValue() == null ? "" : expressionGenes.getStringValue().strip();
        if (v.equalsIgnoreCase(ALL_GENES)) {
            return java.util.stream.IntStream.range(0, modelGenes.size()).toArray();
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String g : v.split(",")) {
            if (!g.isBlank()) {
                wanted.add(g.strip());
            }
        }
        List<Integer> out = new ArrayList<>();
        for (String g : wanted) {
            int at = modelGenes.indexOf(g);
            if (at < 0) {
                throw new InvalidSettingsException("Setting 'Expression genes' names '" + g + "', which is not one of "
                        + "the model's " + modelGenes.size() + " genes (e.g. " + String.join(", ",
                        modelGenes.subList(0, Math.min(5, modelGenes.size()))) + "); gene names are case-sensitive");
            }
            out.add(at);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void check() throws InvalidSettingsException {
        if (cellChoice() == CellChoice.TARGET) {
            target.check();
            target.checkBackground(backgroundLabel.getStringValue());
        }
        engineSettings();
    }
}
