package org.cdgm.knime.nodes.plot;

import org.cdgm.engine.plot.PlotSize;
import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.table.EmbeddingColumns;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Which coordinate columns to draw, which pair of dimensions, what colours the cells and the picture's size. */
final class LatentSpacePlotNodeSettings extends SettingsGroup {
    static final String CFG_SHARED_PREFIX = "shared_prefix";
    static final String CFG_SALIENT_PREFIX = "salient_prefix";
    static final String CFG_COLOUR_COLUMN = "colour_column";
    static final String CFG_X_DIMENSION = "x_dimension";
    static final String CFG_Y_DIMENSION = "y_dimension";
    static final String CFG_WIDTH = "width";
    static final String CFG_HEIGHT = "height";
    /** The column the reader, the simulator and the learner call the condition; coloured by default. */
    static final String CONDITION = "condition";
    /** Latent spaces have a few dimensions; 100 is far above any the learner allows in practice. */
    private static final int MAX_DIMENSION = 100;

    final SettingsModelString sharedPrefix = add(new SettingsModelString(CFG_SHARED_PREFIX, "shared"));
    final SettingsModelString salientPrefix = add(new SettingsModelString(CFG_SALIENT_PREFIX, "salient"));
    /** Empty: every cell in one colour. */
    final SettingsModelString colourColumn = add(new SettingsModelString(CFG_COLOUR_COLUMN, CONDITION));
    final SettingsModelIntegerBounded xDimension = add(new SettingsModelIntegerBounded(CFG_X_DIMENSION, 1, 1,
            MAX_DIMENSION));
    final SettingsModelIntegerBounded yDimension = add(new SettingsModelIntegerBounded(CFG_Y_DIMENSION, 2, 1,
            MAX_DIMENSION));
    final SettingsModelIntegerBounded width = add(new SettingsModelIntegerBounded(CFG_WIDTH, 1000, PlotSize.MIN,
            PlotSize.MAX));
    final SettingsModelIntegerBounded height = add(new SettingsModelIntegerBounded(CFG_HEIGHT, 500, PlotSize.MIN,
            PlotSize.MAX));

    /** The colour column, or null for one colour. */
    String colour() {
        String c = colourColumn.getStringValue();
        return c == null || c.isBlank() ? null : c;
    }

    PlotSize size() throws InvalidSettingsException {
        return engine(() -> new PlotSize(width.getIntValue(), height.getIntValue()));
    }

    @Override
    public void check() throws InvalidSettingsException {
        EmbeddingColumns.checkPrefixes(sharedPrefix.getStringValue(), salientPrefix.getStringValue());
        size();
    }
}
