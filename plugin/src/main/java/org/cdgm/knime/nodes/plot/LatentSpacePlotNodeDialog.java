package org.cdgm.knime.nodes.plot;

import org.cdgm.knime.settings.DescribedSettingsPane;

/** Coordinate columns, colour column, dimensions and picture size; tooltips from the node description. */
final class LatentSpacePlotNodeDialog extends DescribedSettingsPane {
    LatentSpacePlotNodeDialog() {
        super(LatentSpacePlotNodeFactory.class);
        LatentSpacePlotNodeSettings s = new LatentSpacePlotNodeSettings();
        createNewGroup("Cells");
        prefix(s.sharedPrefix, "Shared column prefix", 0);
        prefix(s.salientPrefix, "Salient column prefix", 0);
        // Suggests the string columns; a numeric column can be typed; empty = one colour for every cell.
        column(s.colourColumn, "Colour by column", 0);
        createNewGroup("Picture");
        number(s.xDimension, "Horizontal axis dimension");
        number(s.yDimension, "Vertical axis dimension");
        number(s.width, "Width (pixels)");
        number(s.height, "Height (pixels)");
    }
}
