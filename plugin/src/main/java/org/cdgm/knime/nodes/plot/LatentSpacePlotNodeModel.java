package org.cdgm.knime.nodes.plot;

import java.util.Arrays;
import java.util.Map;

import org.cdgm.engine.plot.LatentSpacePlot;
import org.cdgm.engine.plot.PlotSize;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.port.PngPorts;
import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.table.EmbeddingColumns;
import org.cdgm.knime.table.NumericCells;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.image.ImagePortObject;

/**
 * Draws the predictor's salient and shared coordinates (n cells x k columns "{prefix} 1" ...) as two scatter
 * panels coloured by a column of the same table; the drawing is the engine's {@link LatentSpacePlot}.
 */
final class LatentSpacePlotNodeModel extends SettingsNodeModel<LatentSpacePlotNodeSettings> {

    LatentSpacePlotNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE}, new PortType[] {ImagePortObject.TYPE},
                LatentSpacePlotNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.check();
        DataTableSpec spec = (DataTableSpec) inSpecs[0];
        dimensionsFit(EmbeddingColumns.find(spec, settings.salientPrefix.getStringValue(), "Salient column prefix"),
                "salient");
        dimensionsFit(EmbeddingColumns.find(spec, settings.sharedPrefix.getStringValue(), "Shared column prefix"),
                "shared");
        colourColumn(spec);
        return new PortObjectSpec[] {PngPorts.spec()};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        BufferedDataTable table = (BufferedDataTable) inObjects[0];
        DataTableSpec spec = table.getDataTableSpec();
        int[] zCols = EmbeddingColumns.find(spec, settings.sharedPrefix.getStringValue(), "Shared column prefix");
        int[] tCols = EmbeddingColumns.find(spec, settings.salientPrefix.getStringValue(), "Salient column prefix");
        String colour = colourColumn(spec);
        int colourIndex = colour == null ? -1 : spec.findColumnIndex(colour);
        boolean categorical = colourIndex >= 0 && spec.getColumnSpec(colourIndex).getType()
                .isCompatible(StringValue.class);
        int n = (int) table.size();
        double[][] z = new double[n][zCols.length];
        double[][] t = new double[n][tCols.length];
        String[] labels = new String[n];
        double[] values = new double[n];
        int i = 0;
        for (DataRow r : table) {
            exec.checkCanceled();
            for (int j = 0; j < zCols.length; j++) {
                z[i][j] = NumericCells.value(r, zCols[j], spec);
            }
            for (int j = 0; j < tCols.length; j++) {
                t[i][j] = NumericCells.value(r, tCols[j], spec);
            }
            if (colourIndex >= 0) {
                DataCell c = r.getCell(colourIndex);
                if (categorical) {
                    labels[i] = c.isMissing() ? null : ((StringValue) c).getStringValue();
                } else {
                    values[i] = c.isMissing() ? Double.NaN : ((DoubleValue) c).getDoubleValue();
                }
            }
            i++;
        }
        Map<String, LatentSpacePlot.Column> columns = colour == null ? Map.of()
                : Map.of(colour, categorical ? new LatentSpacePlot.Categories(labels)
                        : new LatentSpacePlot.Values(values));
        exec.setMessage("Drawing " + n + " cells");
        PlotSize size = settings.size();
        LatentSpacePlot.Cells cells = SettingsGroup.engine(() -> new LatentSpacePlot.Cells(z, t, columns));
        byte[] png = SettingsGroup.engine(() -> LatentSpacePlot.render(cells, colour,
                settings.xDimension.getIntValue(), settings.yDimension.getIntValue(), size));
        return new PortObject[] {PngPorts.of(png)};
    }

    /** The dimensions chosen exist in a space with {@code columns.length} dimensions. */
    private void dimensionsFit(int[] columns, String space) throws InvalidSettingsException {
        for (int d : new int[] {settings.xDimension.getIntValue(), settings.yDimension.getIntValue()}) {
            if (d > columns.length) {
                throw new InvalidSettingsException("The " + space + " space has " + columns.length + " dimension"
                        + (columns.length == 1 ? "" : "s") + " (columns '" + EmbeddingColumns.name(
                        space.equals("salient") ? settings.salientPrefix.getStringValue()
                                : settings.sharedPrefix.getStringValue(), 0) + "' ...); dimension " + d
                        + " cannot be plotted: set 'Horizontal axis dimension' and 'Vertical axis dimension' to 1 to "
                        + columns.length);
            }
        }
    }

    /**
     * The colour column, or null for one colour: the setting's column, which must be a string or numeric column of
     * the table; the default "condition" when the table has none is one colour with a warning.
     */
    private String colourColumn(DataTableSpec spec) throws InvalidSettingsException {
        String c = settings.colour();
        if (c == null) {
            return null;
        }
        int at = spec.findColumnIndex(c);
        if (at < 0 && c.equals(LatentSpacePlotNodeSettings.CONDITION)) {
            setWarningMessage("The table has no column 'condition': every cell is drawn in one colour (choose a "
                    + "column in 'Colour by column')");
            return null;
        }
        SettingsGroup.engine(() -> {
            LatentSpacePlot.checkColourColumn(c, Arrays.asList(spec.getColumnNames()));
            return null;
        });
        if (!spec.getColumnSpec(at).getType().isCompatible(StringValue.class)
                && !spec.getColumnSpec(at).getType().isCompatible(DoubleValue.class)) {
            throw new InvalidSettingsException("Colour column '" + c + "' holds " + spec.getColumnSpec(at).getType()
                    + " values; choose a string (categories) or numeric column");
        }
        return c;
    }
}
