package org.cdgm.knime.nodes.plot;

import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

/** Coordinate columns, colour column, dimensions and picture size. */
final class LatentSpacePlotNodeDialog extends DefaultNodeSettingsPane {
    @SuppressWarnings("unchecked")
    LatentSpacePlotNodeDialog() {
        LatentSpacePlotNodeSettings s = new LatentSpacePlotNodeSettings();
        createNewGroup("Cells");
        addDialogComponent(new DialogComponentString(s.sharedPrefix, "Shared column prefix"));
        addDialogComponent(new DialogComponentString(s.salientPrefix, "Salient column prefix"));
        // Not required, with a "<none>" entry: one colour for every cell.
        addDialogComponent(new DialogComponentColumnNameSelection(s.colourColumn, "Colour by column", 0, false,
                true, StringValue.class, DoubleValue.class));
        createNewGroup("Picture");
        addDialogComponent(new DialogComponentNumber(s.xDimension, "Horizontal axis dimension", 1));
        addDialogComponent(new DialogComponentNumber(s.yDimension, "Vertical axis dimension", 1));
        addDialogComponent(new DialogComponentNumber(s.width, "Width (pixels)", 50));
        addDialogComponent(new DialogComponentNumber(s.height, "Height (pixels)", 50));
    }
}
