package org.cdgm.knime.nodes.effects;

import org.cdgm.engine.analysis.DifferentialExpression;
import org.cdgm.engine.analysis.PerturbationEffects;
import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.settings.TargetCellsSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelDouble;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Background and target cells, the label and replicate columns, and the engine's {@link PerturbationEffects.Settings}
 * and {@link DifferentialExpression.Settings} (validated there; their messages are shown unchanged).
 */
final class PerturbationEffectsNodeSettings extends SettingsGroup {
    static final String CFG_BACKGROUND_LABEL = "background_label";
    static final String CFG_LABEL_COLUMN = "label_column";
    static final String CFG_STRATA_COLUMN = "replicate_column";
    static final String CFG_PERMUTATIONS = "permutations";
    static final String CFG_MAX_CELLS = "max_cells";
    static final String CFG_MIN_CELLS = "min_cells";
    static final String CFG_DELTA = "delta";
    static final String CFG_SEED = "seed";
    private static final PerturbationEffects.Settings DEFAULTS = PerturbationEffects.Settings.defaults();
    private static final DifferentialExpression.Settings DE_DEFAULTS = DifferentialExpression.Settings.defaults();

    final TargetCellsSettings cells = new TargetCellsSettings();
    final SettingsModelString backgroundLabel = add(new SettingsModelString(CFG_BACKGROUND_LABEL, "background"));
    /** No default column: which column names the perturbations depends on the data (grna_target, drug, ...). */
    final SettingsModelString labelColumn = add(new SettingsModelString(CFG_LABEL_COLUMN, ""));
    /** Empty: permute over all cells. */
    final SettingsModelString strataColumn = add(new SettingsModelString(CFG_STRATA_COLUMN, ""));
    final SettingsModelInteger permutations = add(new SettingsModelInteger(CFG_PERMUTATIONS,
            DEFAULTS.permutations()));
    final SettingsModelInteger maxCells = add(new SettingsModelInteger(CFG_MAX_CELLS, DEFAULTS.maxCells()));
    final SettingsModelInteger minCells = add(new SettingsModelInteger(CFG_MIN_CELLS, DEFAULTS.minCells()));
    final SettingsModelDouble delta = add(new SettingsModelDouble(CFG_DELTA, DE_DEFAULTS.delta()));
    final SettingsModelInteger seed = add(new SettingsModelInteger(CFG_SEED, (int) DEFAULTS.seed()));

    PerturbationEffectsNodeSettings() {
        addAll(cells);
    }

    String background() {
        return backgroundLabel.getStringValue();
    }

    String label() {
        String l = labelColumn.getStringValue();
        return l == null ? "" : l.strip();
    }

    /** The replicate column, or null for none. */
    String strata() {
        String s = strataColumn.getStringValue();
        return s == null || s.isBlank() ? null : s.strip();
    }

    PerturbationEffects.Settings effectSettings() throws InvalidSettingsException {
        return engine(() -> new PerturbationEffects.Settings(permutations.getIntValue(), maxCells.getIntValue(),
                minCells.getIntValue(), seed.getIntValue()));
    }

    /** Scores the genes of each label as the Differential Expression node does with its default test settings. */
    DifferentialExpression.Settings geneSettings() throws InvalidSettingsException {
        return engine(() -> new DifferentialExpression.Settings(delta.getDoubleValue(), DE_DEFAULTS.fdr(),
                DE_DEFAULTS.draws(), DE_DEFAULTS.cellsPerDraw(), seed.getIntValue()));
    }

    @Override
    public void check() throws InvalidSettingsException {
        cells.check();
        cells.checkBackground(background());
        if (label().isEmpty()) {
            throw new InvalidSettingsException("Setting 'Label column' is empty: choose the string column that names "
                    + "each target cell's perturbation (e.g. grna_target, the guide's target gene)");
        }
        if (label().equals(cells.column()) || label().equals(strata())) {
            throw new InvalidSettingsException("Setting 'Label column' is '" + label() + "', which is also the "
                    + (label().equals(strata()) ? "replicate" : "condition") + " column; choose the column that names "
                    + "each target cell's perturbation");
        }
        effectSettings();
        geneSettings();
    }
}
