package org.cdgm.knime.table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.MetadataType;
import org.cdgm.engine.io.MatrixHeader;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnDomainCreator;
import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataTableSpecCreator;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;

/**
 * Writes cells as KNIME rows (row ID = cell ID): the cell metadata (whole numbers as long columns, decimals as
 * double columns, labels as string columns, missing values as missing cells), then the condition column, then
 * one column per gene (decimal, or whole-number for simulated counts). Cells whose condition is null are left out.
 * Text columns carry their possible values in the column domain (up to {@link #MAX_POSSIBLE_VALUES}) so that
 * downstream dialogs can offer them.
 */
public final class CellTableWriter {
    /** Column property naming a column's role, so the Learner takes genes and never numeric metadata. */
    public static final String ROLE = "cdgm.role";
    public static final String METADATA = "metadata";
    public static final String GENE = "gene";
    /**
     * Table property of a spec known before execution whose gene columns are not listed because they are chosen
     * from the counts at execute (gene filters, highly variable genes); its value says how they are chosen.
     */
    public static final String GENES_AT_EXECUTE = "cdgm.genes-chosen-at-execute";
    /** Text columns with more distinct values than this carry none in their domain (too many to offer). */
    public static final int MAX_POSSIBLE_VALUES = 1000;

    private CellTableWriter() {
    }

    /** The simulator's table: condition and genes, whole-number gene columns from 0 when {@code counts}. */
    public static DataTableSpec spec(String conditionColumn, List<String> labels, List<String> genes,
                                     boolean counts) {
        return new DataTableSpec(columns(List.of(), CellMetadata.none(0), Map.of(), conditionColumn, labels, genes,
                counts).toArray(DataColumnSpec[]::new));
    }

    /**
     * The reader's table as known from the file's header: metadata columns typed and with their possible values,
     * the condition column, and the gene columns when {@code genes} is given; null means the genes are chosen from
     * the counts at execute, which the table property {@link #GENES_AT_EXECUTE} says (with {@code why}).
     */
    public static DataTableSpec spec(MatrixHeader h, String conditionColumn, List<String> labels, List<String> genes,
                                     String why) {
        List<String> meta = metadataColumns(h.metadata(), conditionColumn);
        Map<String, List<String>> values = new java.util.HashMap<>();
        for (String m : meta) {
            h.distinctValues(m, MAX_POSSIBLE_VALUES).ifPresent(v -> values.put(m, v));
        }
        List<DataColumnSpec> cols = columns(meta, h.metadata(), values, conditionColumn, labels,
                genes == null ? List.of() : genes, false);
        DataTableSpecCreator c = new DataTableSpecCreator().addColumns(cols.toArray(DataColumnSpec[]::new));
        if (genes == null) {
            c.putProperty(GENES_AT_EXECUTE, why);
        }
        return c.createSpec();
    }

    /** Whether a table spec announces gene columns that are chosen only at execute (see {@link #GENES_AT_EXECUTE}). */
    public static Optional<String> genesChosenAtExecute(DataTableSpec spec) {
        return Optional.ofNullable(spec.getProperties().get(GENES_AT_EXECUTE));
    }

    private static List<String> metadataColumns(CellMetadata m, String conditionColumn) {
        return m.columnNames().stream().filter(c -> !c.equals(conditionColumn)).toList();
    }

    private static List<DataColumnSpec> columns(List<String> metadataColumns, CellMetadata types,
                                                Map<String, List<String>> values, String conditionColumn,
                                                List<String> labels, List<String> genes, boolean counts) {
        List<DataColumnSpec> cols = new ArrayList<>();
        for (String m : metadataColumns) {
            MetadataType t = types.has(m) ? types.type(m) : MetadataType.STRING;
            DataType type = t == MetadataType.INTEGER ? LongCell.TYPE : t == MetadataType.DOUBLE ? DoubleCell.TYPE
                    : StringCell.TYPE;
            DataColumnSpecCreator c = new DataColumnSpecCreator(m, type);
            if (values.containsKey(m)) {
                c.setDomain(new DataColumnDomainCreator(stringCells(values.get(m))).createDomain());
            }
            cols.add(withRole(c, METADATA));
        }
        DataColumnSpecCreator condition = new DataColumnSpecCreator(conditionColumn, StringCell.TYPE);
        condition.setDomain(new DataColumnDomainCreator(stringCells(labels)).createDomain());
        cols.add(condition.createSpec());
        for (String g : genes) {
            DataColumnSpecCreator c = new DataColumnSpecCreator(g, counts ? IntCell.TYPE : DoubleCell.TYPE);
            if (counts) {
                c.setDomain(new DataColumnDomainCreator(new IntCell(0), null).createDomain());
            }
            cols.add(withRole(c, GENE));
        }
        return cols;
    }

    private static Set<DataCell> stringCells(List<String> values) {
        Set<DataCell> cells = new LinkedHashSet<>();
        values.forEach(v -> cells.add(new StringCell(v)));
        return cells;
    }

    /**
     * Writes the cells under {@code spec} (from {@link #spec}: metadata columns of {@code a} except the condition
     * column, the condition, then a's genes); {@code conditions[i]} is the label of cell i, or null to drop it.
     */
    public static BufferedDataTable write(AnnotatedMatrix a, DataTableSpec spec, String conditionColumn,
                                          String[] conditions, ExecutionContext exec)
            throws CanceledExecutionException {
        List<String> meta = metadataColumns(a.metadata(), conditionColumn);
        boolean counts = !a.genes().isEmpty() // whole-number gene columns, as spec(..., counts) makes them
                && spec.getColumnSpec(meta.size() + 1).getType().equals(IntCell.TYPE);
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
                cells[k++] = counts ? new IntCell(Math.round(row[g])) : new DoubleCell(row[g]);
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
