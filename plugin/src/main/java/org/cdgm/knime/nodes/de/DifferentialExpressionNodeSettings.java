package org.cdgm.knime.nodes.de;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cdgm.engine.analysis.DifferentialExpression;
import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.settings.TargetCellsSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelDouble;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Which target cells, how they are grouped, and the engine's {@link DifferentialExpression.Settings} (validated
 * there; its message is shown unchanged).
 */
final class DifferentialExpressionNodeSettings extends SettingsGroup {
    static final String CFG_GROUP_COLUMN = "group_column";
    static final String CFG_GROUPS = "groups";
    static final String CFG_DELTA = "delta";
    static final String CFG_FDR = "fdr";
    static final String CFG_DRAWS = "draws";
    static final String CFG_CELLS_PER_DRAW = "cells_per_draw";
    static final String CFG_SEED = "seed";
    private static final DifferentialExpression.Settings DEFAULTS = DifferentialExpression.Settings.defaults();

    final TargetCellsSettings cells = new TargetCellsSettings();
    /** Empty: all target cells are one group. */
    final SettingsModelString groupColumn = add(new SettingsModelString(CFG_GROUP_COLUMN, ""));
    /** Comma-separated values of the group column; empty: every value. */
    final SettingsModelString groups = add(new SettingsModelString(CFG_GROUPS, ""));
    final SettingsModelDouble delta = add(new SettingsModelDouble(CFG_DELTA, DEFAULTS.delta()));
    final SettingsModelDouble fdr = add(new SettingsModelDouble(CFG_FDR, DEFAULTS.fdr()));
    final SettingsModelInteger draws = add(new SettingsModelInteger(CFG_DRAWS, DEFAULTS.draws()));
    final SettingsModelInteger cellsPerDraw = add(new SettingsModelInteger(CFG_CELLS_PER_DRAW,
            DEFAULTS.cellsPerDraw()));
    final SettingsModelInteger seed = add(new SettingsModelInteger(CFG_SEED, (int) DEFAULTS.seed()));

    DifferentialExpressionNodeSettings() {
        addAll(cells);
    }

    /** The group column, or null when all target cells are one group. */
    String group() {
        String g = groupColumn.getStringValue();
        return g == null || g.isBlank() ? null : g.strip();
    }

    /** The group values asked for, in order; empty for every value. */
    List<String> groupValues() {
        Set<String> out = new LinkedHashSet<>();
        String v = groups.getStringValue();
        if (v != null) {
            for (String g : v.split(",")) {
                if (!g.isBlank()) {
                    out.add(g.strip());
                }
            }
        }
        return List.copyOf(out);
    }

    DifferentialExpression.Settings engineSettings() throws InvalidSettingsException {
        return engine(() -> new DifferentialExpression.Settings(delta.getDoubleValue(), fdr.getDoubleValue(),
                draws.getIntValue(), cellsPerDraw.getIntValue(), seed.getIntValue()));
    }

    @Override
    public void check() throws InvalidSettingsException {
        cells.check();
        engineSettings();
        if (group() == null && !groupValues().isEmpty()) {
            throw new InvalidSettingsException("Setting 'Groups' lists " + String.join(", ", groupValues())
                    + " but 'Group column' is empty: choose the column that holds these values, or clear 'Groups'");
        }
    }
}
