package org.cdgm.engine.preprocess;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.MatrixHeader;

/**
 * From a matrix as read to the cells and genes a fit uses, in the order a scanpy user would apply the same steps:
 * <ol>
 * <li>cells labelled by the condition column; cells with a missing value, or a value on neither side, left out
 * with a warning (a missing condition is never taken as target);</li>
 * <li>with a batch column, cells with a missing batch left out with a warning, as cells with a missing condition
 * are (a cell's batch cannot be guessed, and the model needs it);</li>
 * <li>cells with fewer than the minimum counts left out ({@code sc.pp.filter_cells(min_counts=...)});</li>
 * <li>genes expressed in too few cells left out ({@code sc.pp.filter_genes(min_cells=...)}), then the highly
 * variable genes kept ({@link Preprocessing#highlyVariableGenes});</li>
 * <li>cells that had counts before the gene selection but none after it left out with a warning, so that a
 * count model never meets an empty cell the user did not have.</li>
 * </ol>
 * Every step is a view; the input is unchanged. Last, the batch column must have at least two levels among the
 * kept cells.
 */
public final class CellPreparation {
    private CellPreparation() {
    }

    /**
     * @throws InvalidInputException when the condition or batch column is unknown, no background or no target cell
     *                               is left, a filter leaves no cell or no gene, or the batch column has fewer than
     *                               two levels among the kept cells; the message names the setting
     */
    public static PreparedCells prepare(AnnotatedMatrix read, PreparationSettings s) {
        int cellsRead = read.cellIds().size();
        AnnotatedMatrix a = read;
        Condition[] labels = null;
        if (s.conditionColumn() != null) {
            ConditionSplit.Assignment assignment = ConditionSplit.assign(a, s.conditionColumn(), s.backgroundValues(),
                    s.targetValues());
            Condition[] all = assignment.labels();
            int[] keep = IntStream.range(0, all.length).filter(i -> all[i] != null).toArray();
            a = keep.length == all.length ? a : Preprocessing.selectCells(a, keep)
                    .withWarnings(assignment.warnings(s.conditionColumn()));
            labels = Arrays.stream(keep).mapToObj(i -> all[i]).toArray(Condition[]::new);
        }
        if (s.batchColumn() != null) {
            List<String> batch = batchColumn(a, s.batchColumn());
            int[] keep = IntStream.range(0, batch.size()).filter(i -> batch.get(i) != null).toArray();
            if (keep.length < batch.size()) {
                int left = batch.size() - keep.length;
                a = Preprocessing.selectCells(a, keep).withWarning(left + " cell" + (left == 1 ? " has" : "s have")
                        + " no value in the batch column '" + s.batchColumn() + "' (missing) and "
                        + (left == 1 ? "was" : "were") + " left out");
                labels = pick(labels, keep);
            }
        }
        if (s.minCountsPerCell() > 0) {
            double[] totals = Preprocessing.librarySizes(a.matrix());
            int[] keep = IntStream.range(0, totals.length).filter(i -> totals[i] >= s.minCountsPerCell()).toArray();
            if (keep.length == 0) {
                throw new InvalidInputException("No cell has at least " + s.minCountsPerCell() + " counts (setting "
                        + "'Minimum counts per cell'; the largest total is "
                        + (long) Arrays.stream(totals).max().orElse(0) + ")");
            }
            if (keep.length < totals.length) {
                int left = totals.length - keep.length;
                a = Preprocessing.selectCells(a, keep).withWarning(left + " cell" + (left == 1 ? "" : "s")
                        + " with fewer than " + s.minCountsPerCell() + " counts " + (left == 1 ? "was" : "were")
                        + " left out (setting 'Minimum counts per cell')");
                labels = pick(labels, keep);
            }
        }
        if (s.minCellsPerGene() > 0 || s.topGenes() > 0) {
            double[] before = Preprocessing.librarySizes(a.matrix());
            if (s.minCellsPerGene() > 0) {
                a = Preprocessing.filterGenes(a, s.minCellsPerGene());
            }
            if (s.topGenes() > 0 && s.topGenes() < a.genes().size()) {
                int from = a.genes().size();
                a = Preprocessing.highlyVariableGenes(a, s.topGenes()).withWarning("Kept the " + s.topGenes()
                        + " most highly variable of " + from + " genes (setting 'Highly variable genes'; 0 keeps "
                        + "every gene)");
            }
            double[] after = Preprocessing.librarySizes(a.matrix());
            int[] keep = IntStream.range(0, after.length).filter(i -> after[i] != 0 || before[i] == 0).toArray();
            if (keep.length == 0) {
                throw new InvalidInputException("Every cell lost all its counts to the gene selection (settings "
                        + "'Minimum cells per gene', 'Highly variable genes'); keep more genes");
            }
            if (keep.length < after.length) {
                int left = after.length - keep.length;
                a = Preprocessing.selectCells(a, keep).withWarning(left + " cell" + (left == 1 ? " had" : "s had")
                        + " counts only on genes removed by the gene selection and " + (left == 1 ? "was" : "were")
                        + " left out (e.g. '" + firstEmptied(read, a, before, after) + "')");
                labels = pick(labels, keep);
            }
        }
        BatchCovariate batch = s.batchColumn() == null ? null
                : BatchCovariate.of(s.batchColumn(), a.metadata().column(s.batchColumn()));
        PreparedCells out = new PreparedCells(a, labels, cellsRead, batch);
        if (labels != null && (out.background() == 0 || out.target() == 0)) {
            throw new InvalidInputException("No " + (out.background() == 0 ? "background" : "target") + " cell is "
                    + "left after the cell and gene filters; relax 'Minimum counts per cell' or the gene selection");
        }
        return out;
    }

    /**
     * The part of {@link #prepare} that needs no counts: the condition column exists and gives background and
     * target cells, and the batch column, when set, exists. Lets the reader report a wrong column or value at
     * configure, from the file's header.
     *
     * @return warnings about cells the condition leaves out (missing or other values); empty without a column
     * @throws InvalidInputException as {@link #prepare} would: the column is unknown (the message lists the
     *                               columns), or no cell is background or target (it lists the values present)
     */
    public static List<String> checkCondition(MatrixHeader h, PreparationSettings s) {
        // The checks read only metadata: a cells x 0 matrix stands in for the counts.
        AnnotatedMatrix shell = new AnnotatedMatrix(new DenseCellMatrix(h.cells(), 0, new float[0]), List.of(),
                h.cellIds(), h.metadata());
        if (s.batchColumn() != null) {
            batchColumn(shell, s.batchColumn());
        }
        if (s.conditionColumn() == null) {
            return List.of();
        }
        return ConditionSplit.assign(shell, s.conditionColumn(), s.backgroundValues(), s.targetValues())
                .warnings(s.conditionColumn());
    }

    /** The batch column's values; an unknown column is an error naming the setting and listing the columns. */
    private static List<String> batchColumn(AnnotatedMatrix a, String column) {
        if (!a.metadata().has(column)) {
            List<String> names = a.metadata().columnNames();
            throw new InvalidInputException("The batch column '" + column + "' is not a cell metadata column; "
                    + "available: " + (names.isEmpty() ? "none (the matrix has no cell metadata: give a cell metadata "
                    + "file whose rows are the cells)" : String.join(", ", names)));
        }
        return a.metadata().column(column);
    }

    private static String firstEmptied(AnnotatedMatrix read, AnnotatedMatrix filtered, double[] before,
                                       double[] after) {
        for (int i = 0; i < after.length; i++) {
            if (after[i] == 0 && before[i] != 0) {
                return filtered.cellIds().get(i);
            }
        }
        return read.cellIds().get(0);
    }

    private static Condition[] pick(Condition[] labels, int[] keep) {
        return labels == null ? null : Arrays.stream(keep).mapToObj(i -> labels[i]).toArray(Condition[]::new);
    }

    /** Sum of every value, over all cells and genes (as {@code adata.X.sum()}). */
    public static double total(CellMatrix m) {
        double s = 0;
        for (int i = 0; i < m.cells(); i++) {
            s += m.rowSum(i);
        }
        return s;
    }
}
