package org.cdgm.knime.settings;

import org.cdgm.knime.table.ContrastiveTableReader;
import org.cdgm.knime.table.ModelCells;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Which rows of a table are the target (perturbed) cells: those whose condition column holds the target label, as
 * the Learner selects them (same keys and defaults as {@link DataSelectionSettings}). Used by the analysis nodes,
 * which look at cells a trained model is applied to.
 */
public final class TargetCellsSettings extends SettingsGroup {
    public static final String CFG_CONDITION_COLUMN = "condition_column";
    public static final String CFG_TARGET_LABEL = "target_label";

    public final SettingsModelString conditionColumn = add(new SettingsModelString(CFG_CONDITION_COLUMN,
            "condition"));
    public final SettingsModelString targetLabel = add(new SettingsModelString(CFG_TARGET_LABEL, "target"));

    public String column() {
        return conditionColumn.getStringValue();
    }

    public String target() {
        return targetLabel.getStringValue();
    }

    @Override
    public void check() throws InvalidSettingsException {
        if (column() == null || column().isBlank()) {
            throw new InvalidSettingsException("Setting 'Condition column' is empty: choose the column that tells "
                    + "background (control) from target (perturbed) cells");
        }
        if (target() == null || target().isBlank()) {
            throw new InvalidSettingsException("Setting 'Target label' is empty: give the value of the condition "
                    + "column that marks target (perturbed) cells");
        }
    }

    /**
     * Checks that {@code background} (null when not used) differs from the target label.
     *
     * @throws InvalidSettingsException naming both settings
     */
    public void checkBackground(String background) throws InvalidSettingsException {
        if (background != null && (background.isBlank() || background.equals(target()))) {
            throw new InvalidSettingsException(background.isBlank() ? "Setting 'Background label' is empty: give the "
                    + "value of the condition column that marks background (control) cells"
                    : "Settings 'Background label' and 'Target label' are both '" + background + "'; they must name "
                    + "different groups");
        }
    }

    /**
     * The configure-time check against the input table: the condition column is there and holds text, and the
     * labels are among its values when the table's spec lists them.
     *
     * @param background the background label, or null when background cells are not used
     */
    public void checkTable(DataTableSpec table, String background) throws InvalidSettingsException {
        ModelCells.column(table, column(), "Condition column", true);
        ContrastiveTableReader.checkLabel(table.getColumnSpec(column()), "Target", target());
        if (background != null) {
            ContrastiveTableReader.checkLabel(table.getColumnSpec(column()), "Background", background);
        }
    }

    /** The rows to read: target cells, and background cells when {@code background} is not null. */
    public ModelCells.Selection selection(String background) {
        return new ModelCells.Selection(column(), background, target());
    }
}
