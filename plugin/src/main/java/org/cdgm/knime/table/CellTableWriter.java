package org.cdgm.knime.table;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;

/**
 * Writes cells as KNIME rows (row ID = cell ID): the cell metadata as string columns, then the condition column,
 * then one double column per gene. Cells whose condition is null are left out.
 */
public final class CellTableWriter {
    private CellTableWriter() {
    }

    public static DataTableSpec spec(List<String> metadataColumns, String conditionColumn, List<String> genes) {
        List<DataColumnSpec> cols = new ArrayList<>();
        for (String m : metadataColumns) {
            cols.add(new DataColumnSpecCreator(m, StringCell.TYPE).createSpec());
        }
        cols.add(new DataColumnSpecCreator(conditionColumn, StringCell.TYPE).createSpec());
        for (String g : genes) {
            cols.add(new DataColumnSpecCreator(g, DoubleCell.TYPE).createSpec());
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    /** {@code conditions[i]} is the label of cell i, or null to drop the cell. */
    public static BufferedDataTable write(AnnotatedMatrix a, String conditionColumn, String[] conditions,
                                          ExecutionContext exec) throws CanceledExecutionException {
        List<String> meta = a.metadata().columnNames().stream().filter(m -> !m.equals(conditionColumn)).toList();
        DataTableSpec spec = spec(meta, conditionColumn, a.genes());
        BufferedDataContainer out = exec.createDataContainer(spec);
        CellMatrix m = a.matrix();
        int genes = m.genes();
        float[] row = new float[genes];
        for (int i = 0; i < m.cells(); i++) {
            exec.checkCanceled();
            if (conditions[i] == null) {
                continue;
            }
            DataCell[] cells = new DataCell[meta.size() + 1 + genes];
            int k = 0;
            for (String col : meta) {
                String v = a.metadata().column(col).get(i);
                cells[k++] = v == null ? DataType.getMissingCell() : new StringCell(v);
            }
            cells[k++] = new StringCell(conditions[i]);
            m.copyRows(new int[] {i}, row);
            for (int g = 0; g < genes; g++) {
                cells[k++] = new DoubleCell(row[g]);
            }
            out.addRowToTable(new DefaultRow(new RowKey(a.cellIds().get(i)), cells));
            exec.setProgress((i + 1) / (double) m.cells(), () -> "Writing cell " + (out.size()));
        }
        out.close();
        return out.getTable();
    }
}
