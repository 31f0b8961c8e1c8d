package org.cdgm.knime.settings;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Which cells are background and which are target, and which columns are genes: every numeric column except
 * the condition column and those matching an optional pattern (metadata such as total counts).
 */
public final class DataSelectionSettings extends SettingsGroup {
    public static final String CFG_CONDITION_COLUMN = "condition_column";
    public static final String CFG_BACKGROUND_LABEL = "background_label";
    public static final String CFG_TARGET_LABEL = "target_label";
    public static final String CFG_EXCLUDED_COLUMNS = "excluded_columns_pattern";

    final SettingsModelString conditionColumn = add(new SettingsModelString(CFG_CONDITION_COLUMN, "condition"));
    final SettingsModelString backgroundLabel = add(new SettingsModelString(CFG_BACKGROUND_LABEL, "background"));
    final SettingsModelString targetLabel = add(new SettingsModelString(CFG_TARGET_LABEL, "target"));
    final SettingsModelString excludedColumns = add(new SettingsModelString(CFG_EXCLUDED_COLUMNS, ""));

    public SettingsModelString conditionColumn() {
        return conditionColumn;
    }

    public SettingsModelString backgroundLabel() {
        return backgroundLabel;
    }

    public SettingsModelString targetLabel() {
        return targetLabel;
    }

    public SettingsModelString excludedColumns() {
        return excludedColumns;
    }

    /** The selection, checked: labels present and different, pattern compiles. */
    public DataSelection toSelection() throws InvalidSettingsException {
        String column = conditionColumn.getStringValue();
        if (column == null || column.isBlank()) {
            throw new InvalidSettingsException("Setting 'Condition column' is empty: choose the column that tells "
                    + "background (control) from target (perturbed) cells");
        }
        String bg = backgroundLabel.getStringValue();
        String tg = targetLabel.getStringValue();
        if (bg == null || bg.isBlank() || tg == null || tg.isBlank()) {
            throw new InvalidSettingsException("Settings 'Background label' and 'Target label' must both be set");
        }
        if (bg.equals(tg)) {
            throw new InvalidSettingsException("Settings 'Background label' and 'Target label' are both '" + bg
                    + "'; they must name different groups");
        }
        String regex = excludedColumns.getStringValue();
        Pattern excluded = null;
        if (regex != null && !regex.isBlank()) {
            try {
                excluded = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new InvalidSettingsException("Setting 'Excluded columns (pattern)' is not a valid regular "
                        + "expression: " + e.getDescription());
            }
        }
        return new DataSelection(column, bg, tg, excluded);
    }

    /** The checked selection. {@code excluded} may be null (exclude nothing). */
    public record DataSelection(String conditionColumn, String backgroundLabel, String targetLabel,
                                Pattern excluded) {
        public boolean isExcluded(String columnName) {
            return excluded != null && excluded.matcher(columnName).matches();
        }
    }
}
