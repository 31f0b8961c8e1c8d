package org.cdgm.knime.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.DatasetValidator;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.knime.port.ContrastiveModelPortObjectSpec;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;

/**
 * A table of cells read for a trained model, as the analysis nodes (Salient Gene Programs, Differential Expression,
 * Perturbation Effects) need it: the model's genes found by name (as the Predictor finds them), each cell's level of
 * the model's batch column when the model was trained with one, the values of chosen text columns (labels, groups,
 * replicates), and the rows split into background and target cells by a condition column, or all rows taken as
 * target cells. Column checks run on the spec at configure time; value checks at execute time, naming the row.
 */
public final class ModelCells {
    private ModelCells() {
    }

    /**
     * One condition's cells.
     *
     * @param ids        row IDs, in table order
     * @param matrix     cells x the model's genes, in the model's gene order
     * @param batchCodes per cell its level of the model's batch column, null when the model has no batch covariate
     * @param text       per requested text column (in the order asked), per cell its value; null for a missing cell
     */
    public record Cells(List<String> ids, DenseCellMatrix matrix, int[] batchCodes, List<String[]> text) {
        public int size() {
            return ids.size();
        }

        /** The encoders' posteriors of these cells under {@code model}. */
        public Posterior posterior(TrainedModel model) {
            return model.posterior(matrix, batchCodes);
        }
    }

    /**
     * Which rows are read and as what: rows whose condition column holds the target label are target cells, those
     * with the background label (when given) background cells, others are skipped; or every row is a target cell.
     *
     * @param conditionColumn the condition column, null to take every row as a target cell
     * @param backgroundLabel the background cells' value, null when background cells are not needed
     * @param targetLabel     the target cells' value (ignored without a condition column)
     */
    public record Selection(String conditionColumn, String backgroundLabel, String targetLabel) {
        /** Every row a target cell. */
        public static final Selection ALL_ROWS = new Selection(null, null, null);
    }

    /**
     * The configure-time checks: a model and a table are connected, the table has the model's batch column (when
     * the model has one) and, unless the reader lists its genes only once it has run, the model's genes as numeric
     * columns.
     *
     * @param model the model port's spec, null when nothing is connected
     * @return false when the genes are known only at execute (nothing about them checked yet)
     * @throws InvalidSettingsException naming what is missing
     */
    public static boolean check(ContrastiveModelPortObjectSpec model, DataTableSpec table)
            throws InvalidSettingsException {
        if (model == null) {
            throw new InvalidSettingsException("Connect a trained contrastive model (the Contrastive VAE Learner's or "
                    + "the Multi-Objective Tuner's model output) to the first input");
        }
        if (table == null) {
            throw new InvalidSettingsException("Connect a table of cells (rows) with the model's genes as columns "
                    + "to the second input");
        }
        batchColumn(table, model.batchColumn());
        if (CellTableWriter.genesChosenAtExecute(table).isPresent()) {
            return false; // the reader's metadata columns are listed, its genes only once it has run
        }
        geneColumns(table, model.genes());
        return true;
    }

    /**
     * Checks that a column the settings name is in the table and, when {@code text}, holds text.
     *
     * @param setting the dialog's label of the setting, named in the message
     * @throws InvalidSettingsException naming the setting, the column and the table's text columns
     */
    public static int column(DataTableSpec table, String column, String setting, boolean text)
            throws InvalidSettingsException {
        int i = table.findColumnIndex(column);
        if (i < 0) {
            throw new InvalidSettingsException(setting + " '" + column + "' is not in the input table (text "
                    + "columns: " + textColumns(table) + ")");
        }
        if (text && !table.getColumnSpec(i).getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException(setting + " '" + column + "' must be a string column, it is "
                    + table.getColumnSpec(i).getType() + "; convert it (e.g. Number to String) or choose one of "
                    + textColumns(table));
        }
        return i;
    }

    /**
     * When the column's domain lists its values, checks that {@code value} is one of them (a typo is reported at
     * configure instead of after reading every row).
     *
     * @param setting the dialog's label of the setting that names the value
     * @throws InvalidSettingsException naming the setting, the value, the column and its values
     */
    public static void checkValue(DataColumnSpec column, String setting, String value)
            throws InvalidSettingsException {
        Set<DataCell> values = column.getDomain().getValues();
        if (values == null || values.isEmpty()) {
            return;
        }
        List<String> known = values.stream().map(DataCell::toString).sorted().toList();
        if (!known.contains(value)) {
            throw new InvalidSettingsException("Setting '" + setting + "' names '" + value + "', which is not a value "
                    + "of column '" + column.getName() + "'; its values: " + String.join(", ", known.subList(0,
                    Math.min(known.size(), 30))) + (known.size() > 30 ? ", ..." : ""));
        }
    }

    private static String textColumns(DataTableSpec table) {
        List<String> text = new ArrayList<>();
        for (DataColumnSpec c : table) {
            if (c.getType().isCompatible(StringValue.class)) {
                text.add(c.getName());
            }
        }
        return text.isEmpty() ? "none" : String.join(", ", text.subList(0, Math.min(text.size(), 20)))
                + (text.size() > 20 ? ", ..." : "");
    }

    /** Column index of each model gene in the table; a missing or non-numeric gene is named. */
    public static int[] geneColumns(DataTableSpec table, List<String> genes) throws InvalidSettingsException {
        int[] idx = new int[genes.size()];
        for (int g = 0; g < idx.length; g++) {
            idx[g] = table.findColumnIndex(genes.get(g));
            if (idx[g] < 0) {
                throw new InvalidSettingsException("Gene column '" + genes.get(g) + "', which the model was trained "
                        + "on, is not in the input table (" + genes.size() + " genes expected)");
            }
            if (!table.getColumnSpec(idx[g]).getType().isCompatible(DoubleValue.class)) {
                throw new InvalidSettingsException("Gene column '" + genes.get(g) + "' must be numeric, it is "
                        + table.getColumnSpec(idx[g]).getType());
            }
        }
        return idx;
    }

    /**
     * Column index of the model's batch column in the table, or -1 when the model has none.
     *
     * @param column the model's batch column, "" or null for none
     * @throws InvalidSettingsException naming the column when the table lacks it
     */
    public static int batchColumn(DataTableSpec table, String column) throws InvalidSettingsException {
        if (column == null || column.isEmpty()) {
            return -1;
        }
        int i = table.findColumnIndex(column);
        if (i < 0) {
            throw new InvalidSettingsException("The model was trained with the batch column '" + column + "' as a "
                    + "covariate, and the input table has no column '" + column + "': give the cells' batches in a "
                    + "column of that name (the model corrects only the batches it was trained on)");
        }
        return i;
    }

    /**
     * Reads the selected rows.
     *
     * @param textColumns indices of columns whose values are kept per cell ({@link Cells#text()}, same order); a
     *                    non-text cell is kept as its string form
     * @return the background cells (only when {@code selection} names a background label) and the target cells
     * @throws InvalidSettingsException naming the row and column of a missing gene value or batch, a batch level the
     *                                  model did not see, or the label that matches no row
     */
    public static Map<Condition, Cells> read(BufferedDataTable table, TrainedModel model, Selection selection,
                                             int[] textColumns, ExecutionMonitor exec)
            throws InvalidSettingsException, CanceledExecutionException {
        DataTableSpec spec = table.getDataTableSpec();
        int[] genes = geneColumns(spec, model.genes());
        int batch = batchColumn(spec, model.hasBatchCovariate() ? model.batch().column() : "");
        int condition = selection.conditionColumn() == null ? -1
                : column(spec, selection.conditionColumn(), "Condition column", true);
        Map<Condition, Rows> rows = new EnumMap<>(Condition.class);
        rows.put(Condition.TARGET, new Rows(genes.length, batch >= 0));
        if (condition >= 0 && selection.backgroundLabel() != null) {
            rows.put(Condition.BACKGROUND, new Rows(genes.length, batch >= 0));
        }
        Map<String, Integer> others = new TreeMap<>();
        long n = table.size();
        long done = 0;
        for (DataRow row : table) {
            exec.checkCanceled();
            exec.setProgress(++done / (double) Math.max(n, 1), () -> "Reading row " + row.getKey());
            Rows into = rows.get(Condition.TARGET);
            if (condition >= 0) {
                DataCell c = row.getCell(condition);
                String label = c.isMissing() ? null : ((StringValue) c).getStringValue();
                into = selection.targetLabel().equals(label) ? rows.get(Condition.TARGET)
                        : label != null && label.equals(selection.backgroundLabel()) ? rows.get(Condition.BACKGROUND)
                        : null;
                if (into == null) {
                    others.merge(label == null ? "<missing>" : label, 1, Integer::sum);
                    continue;
                }
            }
            float[] values = new float[genes.length];
            for (int g = 0; g < genes.length; g++) {
                values[g] = (float) NumericCells.value(row, genes[g], spec);
            }
            String[] text = new String[textColumns.length];
            for (int j = 0; j < textColumns.length; j++) {
                text[j] = string(row.getCell(textColumns[j]));
            }
            into.add(row.getKey().getString(), values, batch < 0 ? -1 : batchCode(row, batch, model), text);
        }
        Map<Condition, Cells> out = new EnumMap<>(Condition.class);
        for (Map.Entry<Condition, Rows> e : rows.entrySet()) {
            if (e.getValue().ids.isEmpty()) {
                boolean target = e.getKey() == Condition.TARGET;
                throw new InvalidSettingsException(condition < 0 ? "The input table has no rows"
                        : (target ? "Target" : "Background") + " label '" + (target ? selection.targetLabel()
                        : selection.backgroundLabel()) + "' matches no row of condition column '"
                        + selection.conditionColumn() + "'" + (others.isEmpty() ? "" : "; other values found: "
                        + others));
            }
            Cells cells = e.getValue().toCells();
            DatasetValidator.checkValues(new CellSet(e.getKey(), cells.matrix(), cells.ids()), model.genes(),
                    model.config().likelihood().valueDomain());
            out.put(e.getKey(), cells);
        }
        return out;
    }

    private static String string(DataCell c) {
        return c.isMissing() ? null : c instanceof StringValue s ? s.getStringValue() : c.toString();
    }

    private static int batchCode(DataRow row, int column, TrainedModel model) throws InvalidSettingsException {
        DataCell c = row.getCell(column);
        if (c.isMissing()) {
            throw new InvalidSettingsException("Row '" + row.getKey() + "' has no value in the batch column '"
                    + model.batch().column() + "'; the model was trained with it as a covariate and needs every "
                    + "cell's batch (one of " + String.join(", ", model.batch().levels()) + ")");
        }
        try {
            return model.batch().code(string(c));
        } catch (InvalidInputException e) { // a batch unseen in training, named with the known ones
            throw new InvalidSettingsException("Row '" + row.getKey() + "': " + e.getMessage(), e);
        }
    }

    /** Rows of one condition, grown as read. */
    private static final class Rows {
        private final int genes;
        private final List<String> ids = new ArrayList<>();
        private final List<String[]> text = new ArrayList<>();
        private final boolean batched;
        private int[] codes = new int[256];
        private float[] values = new float[1024];

        Rows(int genes, boolean batched) {
            this.genes = genes;
            this.batched = batched;
        }

        void add(String id, float[] row, int code, String[] textValues) {
            int i = ids.size();
            if ((i + 1) * genes > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, (i + 1) * genes));
            }
            System.arraycopy(row, 0, values, i * genes, genes);
            if (i == codes.length) {
                codes = Arrays.copyOf(codes, codes.length * 2);
            }
            codes[i] = code;
            ids.add(id);
            text.add(textValues);
        }

        Cells toCells() {
            int n = ids.size();
            List<String[]> byColumn = new ArrayList<>();
            int columns = text.isEmpty() ? 0 : text.get(0).length;
            for (int j = 0; j < columns; j++) {
                String[] col = new String[n];
                for (int i = 0; i < n; i++) {
                    col[i] = text.get(i)[j];
                }
                byColumn.add(col);
            }
            return new Cells(List.copyOf(ids), new DenseCellMatrix(n, genes, Arrays.copyOf(values, n * genes)),
                    batched ? Arrays.copyOf(codes, n) : null, byColumn);
        }
    }
}
