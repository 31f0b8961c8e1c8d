package org.cdgm.knime.table;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.InvalidSettingsException;

/** Numbers between KNIME cells and the engine: reading one with a clear message, writing rows of them. */
public final class NumericCells {
    private NumericCells() {
    }

    /** The value of a numeric cell; a missing cell is an error naming the row and column. */
    public static double value(DataRow row, int column, DataTableSpec spec) throws InvalidSettingsException {
        DataCell c = row.getCell(column);
        if (c.isMissing()) {
            throw new InvalidSettingsException("Row '" + row.getKey() + "', column '"
                    + spec.getColumnSpec(column).getName() + "' is missing; fill or filter missing values first "
                    + "(e.g. with the Missing Value node)");
        }
        return ((DoubleValue) c).getDoubleValue();
    }

    /** The values of several arrays, in order, as double cells (e.g. shared then salient coordinates). */
    public static DataCell[] cells(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        DataCell[] out = new DataCell[n];
        int k = 0;
        for (double[] p : parts) {
            for (double v : p) {
                out[k++] = new DoubleCell(v);
            }
        }
        return out;
    }

    /** NaN means "not applicable" in the engine (no validation split, no MO, no CO): a missing cell in KNIME. */
    public static DataCell orMissing(double v) {
        return Double.isNaN(v) ? DataType.getMissingCell() : new DoubleCell(v);
    }
}
