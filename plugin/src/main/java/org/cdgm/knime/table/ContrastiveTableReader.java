package org.cdgm.knime.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.knime.settings.DataSelectionSettings.DataSelection;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;

/**
 * Reads a KNIME table of cells (rows) by genes (numeric columns) into the engine's background/target data set.
 * Column checks happen on the spec, at configure time; value checks (missing cells here, NaN, negative or
 * non-integer counts in the engine's validator) at execute time, each naming the row and column.
 */
public final class ContrastiveTableReader {
    private ContrastiveTableReader() {
    }

    /**
     * Indices of the gene columns: numeric, not the condition column, not excluded, and not marked as cell metadata
     * by the Single-Cell Count Reader ({@link CellTableWriter#ROLE}), whose numeric metadata (UMI totals, guide
     * counts) must never be taken for genes.
     */
    public static int[] geneColumns(DataTableSpec spec, DataSelection sel) throws InvalidSettingsException {
        return geneColumns(spec, sel, null);
    }

    /**
     * As {@link #geneColumns(DataTableSpec, DataSelection)}, never taking the batch column (which may hold numbers)
     * for a gene.
     *
     * @param batchColumn the batch column, or null for none; checked with {@link #checkBatchColumn}
     */
    public static int[] geneColumns(DataTableSpec spec, DataSelection sel, String batchColumn)
            throws InvalidSettingsException {
        checkCondition(spec, sel);
        checkBatchColumn(spec, batchColumn);
        List<Integer> genes = new ArrayList<>();
        for (int i = 0; i < spec.getNumColumns(); i++) {
            DataColumnSpec c = spec.getColumnSpec(i);
            if (c.getName().equals(sel.conditionColumn()) || c.getName().equals(batchColumn)
                    || sel.isExcluded(c.getName())) {
                continue;
            }
            if (c.getType().isCompatible(DoubleValue.class)
                    && !CellTableWriter.METADATA.equals(c.getProperties().getProperty(CellTableWriter.ROLE))) {
                genes.add(i);
            }
        }
        if (genes.isEmpty()) {
            throw new InvalidSettingsException("The input table has no numeric gene columns (after excluding the "
                    + "condition column and the excluded-columns pattern)");
        }
        return genes.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Checks that the batch column, when there is one, is in the table.
     *
     * @param batchColumn the column, or null for none
     * @throws InvalidSettingsException naming the column and the table's text columns
     */
    public static void checkBatchColumn(DataTableSpec spec, String batchColumn) throws InvalidSettingsException {
        if (batchColumn != null && !spec.containsName(batchColumn)) {
            List<String> text = new ArrayList<>();
            for (DataColumnSpec c : spec) {
                if (c.getType().isCompatible(StringValue.class)) {
                    text.add(c.getName());
                }
            }
            throw new InvalidSettingsException("Batch column '" + batchColumn + "' is not in the input table; choose "
                    + "the column that says which batch or replicate each cell comes from, or none (text columns: "
                    + (text.isEmpty() ? "none" : String.join(", ", text.subList(0, Math.min(text.size(), 20)))
                    + (text.size() > 20 ? ", ..." : "")) + ")");
        }
    }

    /**
     * Checks the condition column (present, text) and, when its domain lists its values, that the background and
     * target labels are among them: a wrong label is reported at configure instead of after reading every row.
     */
    public static void checkCondition(DataTableSpec spec, DataSelection sel) throws InvalidSettingsException {
        DataColumnSpec condition = conditionColumn(spec, sel);
        checkLabel(condition, "Background", sel.backgroundLabel());
        checkLabel(condition, "Target", sel.targetLabel());
    }

    /**
     * When the condition column's domain lists its values, checks that {@code label} is one of them.
     *
     * @param role "Background" or "Target", as the message names the setting
     * @throws InvalidSettingsException naming the label, the column and its values
     */
    public static void checkLabel(DataColumnSpec condition, String role, String label)
            throws InvalidSettingsException {
        Set<DataCell> values = condition.getDomain().getValues();
        if (values == null || values.isEmpty()) {
            return;
        }
        List<String> labels = values.stream().map(DataCell::toString).toList();
        if (!labels.contains(label)) {
            throw new InvalidSettingsException(role + " label '" + label + "' is not a value of condition column '"
                    + condition.getName() + "'; its values: " + String.join(", ", labels.subList(0,
                    Math.min(labels.size(), 20))) + (labels.size() > 20 ? ", ..." : ""));
        }
    }

    private static DataColumnSpec conditionColumn(DataTableSpec spec, DataSelection sel)
            throws InvalidSettingsException {
        DataColumnSpec condition = spec.getColumnSpec(sel.conditionColumn());
        if (condition == null) {
            throw new InvalidSettingsException("Condition column '" + sel.conditionColumn() + "' is not in the "
                    + "input table; choose the column that tells background from target cells");
        }
        if (!condition.getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("Condition column '" + sel.conditionColumn() + "' must be a string "
                    + "column, it is " + condition.getType());
        }
        return condition;
    }

    /**
     * What the spec says about each gene column before its values are read, for the engine's likelihood choice:
     * whole-number type (KNIME integer or long cells) and the domain's lower bound when known.
     */
    public static List<LikelihoodChoice.GeneColumn> geneFacts(DataTableSpec spec, int[] columns) {
        List<LikelihoodChoice.GeneColumn> out = new ArrayList<>(columns.length);
        for (int i : columns) {
            DataColumnSpec c = spec.getColumnSpec(i);
            DataCell lower = c.getDomain().getLowerBound();
            Double bound = lower instanceof DoubleValue d && !lower.isMissing() ? d.getDoubleValue() : null;
            out.add(new LikelihoodChoice.GeneColumn(c.getName(), c.getType().isCompatible(LongValue.class), bound));
        }
        return out;
    }

    /** Gene names of the given columns, in order. */
    public static List<String> names(DataTableSpec spec, int[] columns) {
        return Arrays.stream(columns).mapToObj(i -> spec.getColumnSpec(i).getName()).toList();
    }

    public static ContrastiveDataset read(BufferedDataTable table, DataSelection sel, ExecutionMonitor exec)
            throws InvalidSettingsException, CanceledExecutionException {
        return read(table, sel, null, exec, w -> { });
    }

    /**
     * As {@link #read(BufferedDataTable, DataSelection, ExecutionMonitor)}, with each cell's level of a batch
     * column as the data's batch covariate (the engine's {@link ContrastiveDataset#withBatch}). Rows with a missing
     * batch are left out, as rows with a missing condition are, and {@code warnings} is told how many.
     *
     * @param batchColumn the batch column, or null for none
     * @throws org.cdgm.engine.data.InvalidInputException when the batch column has fewer than two levels among the
     *                                                    background and target rows
     */
    public static ContrastiveDataset read(BufferedDataTable table, DataSelection sel, String batchColumn,
                                          ExecutionMonitor exec, java.util.function.Consumer<String> warnings)
            throws InvalidSettingsException, CanceledExecutionException {
        DataTableSpec spec = table.getDataTableSpec();
        int[] geneCols = geneColumns(spec, sel, batchColumn);
        int conditionCol = spec.findColumnIndex(sel.conditionColumn());
        int batchCol = batchColumn == null ? -1 : spec.findColumnIndex(batchColumn);
        int missingBatch = 0;
        Rows background = new Rows(geneCols.length);
        Rows target = new Rows(geneCols.length);
        Map<String, Integer> otherLabels = new TreeMap<>();
        long n = table.size();
        long done = 0;
        for (DataRow row : table) {
            exec.checkCanceled();
            exec.setProgress(++done / (double) Math.max(n, 1), () -> "Reading row " + row.getKey());
            DataCell c = row.getCell(conditionCol);
            String label = c.isMissing() ? null : ((StringValue) c).getStringValue();
            Rows into = sel.backgroundLabel().equals(label) ? background : sel.targetLabel().equals(label) ? target
                    : null;
            if (into == null) {
                otherLabels.merge(label == null ? "<missing>" : label, 1, Integer::sum);
                continue;
            }
            String batch = null;
            if (batchCol >= 0) {
                DataCell b = row.getCell(batchCol);
                if (b.isMissing()) {
                    missingBatch++;
                    continue;
                }
                batch = b instanceof StringValue s ? s.getStringValue() : b.toString();
            }
            float[] values = new float[geneCols.length];
            for (int g = 0; g < geneCols.length; g++) {
                values[g] = (float) NumericCells.value(row, geneCols[g], spec);
            }
            into.add(row.getKey().getString(), values, batch);
        }
        requireCells(background, "Background", sel.backgroundLabel(), sel, otherLabels);
        requireCells(target, "Target", sel.targetLabel(), sel, otherLabels);
        ContrastiveDataset data = new ContrastiveDataset(names(spec, geneCols),
                background.toCellSet(Condition.BACKGROUND), target.toCellSet(Condition.TARGET));
        if (batchCol < 0) {
            return data;
        }
        if (missingBatch > 0) {
            warnings.accept(missingBatch + " row" + (missingBatch == 1 ? " has" : "s have") + " no value in the batch "
                    + "column '" + batchColumn + "' (missing) and " + (missingBatch == 1 ? "was" : "were")
                    + " left out");
        }
        return data.withBatch(batchColumn, background.batches, target.batches);
    }

    private static void requireCells(Rows rows, String what, String label, DataSelection sel,
                                     Map<String, Integer> others) throws InvalidSettingsException {
        if (rows.ids.isEmpty()) {
            throw new InvalidSettingsException(what + " label '" + label + "' matches no row of condition column '"
                    + sel.conditionColumn() + "'" + (others.isEmpty() ? " (the table is empty)"
                    : "; other values found: " + others));
        }
    }

    /** Rows of one condition, grown as read. */
    private static final class Rows {
        private final int genes;
        private final List<String> ids = new ArrayList<>();
        private final List<String> batches = new ArrayList<>();
        private float[] values = new float[1024];

        Rows(int genes) {
            this.genes = genes;
        }

        void add(String id, float[] row, String batch) {
            batches.add(batch);
            int at = ids.size() * genes;
            if (at + genes > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, at + genes));
            }
            System.arraycopy(row, 0, values, at, genes);
            ids.add(id);
        }

        CellSet toCellSet(Condition condition) {
            DenseCellMatrix m = new DenseCellMatrix(ids.size(), genes, Arrays.copyOf(values, ids.size() * genes));
            return new CellSet(condition, m, ids);
        }
    }
}
