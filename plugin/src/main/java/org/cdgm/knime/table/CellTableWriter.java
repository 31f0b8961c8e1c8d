package org.cdgm.knime.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.MetadataType;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;

/**
 * Writes cells as KNIME rows (row ID = cell ID): the cell metadata (whole numbers as long columns, decimals as
 * double columns, labels as string columns, missing values as missing cells), then the condition column, then
 * one double column per gene. Cells whose condition is null are left out.
 */
public final class CellTableWriter {
    /** Column property naming a column's role, so the Learner takes genes and never numeric metadata. */
    public static final String ROLE = "cdgm.role";
    public static final String METADATA = "metadata";
    public static final String GENE = "gene";

    private CellTableWriter() {
    }

    /** Metadata columns typed as the engine typed them (used by the simulator: every column text). */
    public static DataTableSpec spec(List<String> metadataColumns, String conditionColumn, List<String> genes) {
        return spec(metadataColumns, CellMetadata.none(0), conditionColumn, genes);
    }

    /** The table {@link #write} produces for {@code a}, known before writing it (for configure). */
    public static DataTableSpec spec(AnnotatedMatrix a, String conditionColumn) {
        return spec(metadataColumns(a, conditionColumn), a.metadata(), conditionColumn, a.genes());
    }

    private static List<String> metadataColumns(AnnotatedMatrix a, String conditionColumn) {
        return a.metadata().columnNames().stream().filter(m -> !m.equals(conditionColumn)).toList();
    }

    private static DataTableSpec spec(List<String> metadataColumns, CellMetadata types, String conditionColumn,
                                      List<String> genes) {
        List<DataColumnSpec> cols = new ArrayList<>();
        for (String m : metadataColumns) {
            MetadataType t = types.has(m) ? types.type(m) : MetadataType.STRING;
            DataType type = t == MetadataType.INTEGER ? LongCell.TYPE : t == MetadataType.DOUBLE ? DoubleCell.TYPE
                    : StringCell.TYPE;
            cols.add(withRole(new DataColumnSpecCreator(m, type), METADATA));
        }
        cols.add(new DataColumnSpecCreator(conditionColumn, StringCell.TYPE).createSpec());
        for (String g : genes) {
            cols.add(withRole(new DataColumnSpecCreator(g, DoubleCell.TYPE), GENE));
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    /** {@code conditions[i]} is the label of cell i, or null to drop the cell. */
    public static BufferedDataTable write(AnnotatedMatrix a, String conditionColumn, String[] conditions,
                                          ExecutionContext exec) throws CanceledExecutionException {
        List<String> meta = metadataColumns(a, conditionColumn);
        DataTableSpec spec = spec(a, conditionColumn);
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
                cells[k++] = cell(a.metadata(), col, i);
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

    private static DataColumnSpec withRole(DataColumnSpecCreator c, String role) {
        c.setProperties(new DataColumnProperties(Map.of(ROLE, role)));
        return c.createSpec();
    }

    private static DataCell cell(CellMetadata meta, String column, int row) {
        String v = meta.column(column).get(row);
        if (v == null) {
            return DataType.getMissingCell();
        }
        return switch (meta.type(column)) {
            case INTEGER -> new LongCell(Long.parseLong(v.trim()));
            case DOUBLE -> new DoubleCell(Double.parseDouble(v.trim()));
            case STRING -> new StringCell(v);
        };
    }
}
