package org.cdgm.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.DatasetValidator;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.data.SparseCellMatrix;
import org.cdgm.engine.data.ValueDomain;
import org.cdgm.engine.model.distributions.CellBatch;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The cells one Spark partition holds: a contiguous range of the background rows and one of the target rows, in
 * compressed sparse rows (8 bytes per non-zero value plus 8 per cell), with their ids and batch codes. Kept in the
 * executors' memory for the whole fit.
 */
final class CellBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * One condition's rows [first, first + ids.length) of the fit's numbering.
     *
     * @param batchCodes per row its batch level, or null without a covariate
     */
    record Part(Condition condition, int first, String[] ids, int[] batchCodes, int genes, long[] rowStart,
                int[] geneIndex, float[] values) implements Serializable {
        private static final long serialVersionUID = 1L;

        int rows() {
            return ids.length;
        }

        CellMatrix matrix() {
            return new SparseCellMatrix(rows(), genes, rowStart, geneIndex, values);
        }
    }

    private final Part background;
    private final Part target;
    private transient CellMatrix[] matrices;

    CellBlock(Part background, Part target) {
        this.background = background;
        this.target = target;
    }

    Part part(Condition c) {
        return c == Condition.BACKGROUND ? background : target;
    }

    private CellMatrix matrix(Condition c) {
        if (matrices == null) {
            matrices = new CellMatrix[] {background.matrix(), target.matrix()};
        }
        return matrices[c == Condition.BACKGROUND ? 0 : 1];
    }

    /**
     * Rows [from, to) of a set of cells, compressed (values of exactly 0 dropped; NaN and infinities kept, for
     * the validation to report).
     */
    static Part compress(CellSet set, int from, int to) {
        CellMatrix m = set.matrix();
        int[] codes = set.batchCodes();
        return compress(set.condition(), from, m, from, to, set.cellIds().subList(from, to),
                codes == null ? null : Arrays.copyOfRange(codes, from, to));
    }

    /** Rows [from, to) of {@code m} as the rows numbered {@code first} .. of the fit. */
    static Part compress(Condition c, int first, CellMatrix m, int from, int to, List<String> ids, int[] codes) {
        Compressor rows = new Compressor(to - from, m.genes());
        m.forEachRow(from, to, rows);
        return new Part(c, first, ids.toArray(String[]::new), codes, m.genes(), rows.rowStart,
                Arrays.copyOf(rows.index, rows.nnz), Arrays.copyOf(rows.values, rows.nnz));
    }

    /** Rows visited in order, kept as their non-zeros (compressed sparse rows; the arrays grow by doubling). */
    private static final class Compressor implements CellMatrix.RowVisitor {
        private final int genes;
        private final long[] rowStart;
        private int[] index;
        private float[] values;
        private int rows;
        private int nnz;

        Compressor(int n, int genes) {
            this.genes = genes;
            rowStart = new long[n + 1];
            index = new int[Math.max(16, n * 8)];
            values = new float[index.length];
        }

        @Override
        public boolean visit(int row, float[] buf, int offset) {
            for (int j = 0; j < genes; j++) {
                float v = buf[offset + j];
                if (v != 0) {
                    if (nnz == index.length) {
                        index = Arrays.copyOf(index, 2 * nnz);
                        values = Arrays.copyOf(values, 2 * nnz);
                    }
                    index[nnz] = j;
                    values[nnz++] = v;
                }
            }
            rowStart[++rows] = nnz;
            return true;
        }
    }

    /**
     * The first offending value of a condition's rows (see {@link DatasetValidator#checkValues}), as the message
     * naming the cell by its row in the whole condition, or null when all are valid.
     */
    String firstInvalid(Condition c, List<String> genes, ValueDomain domain) {
        Part p = part(c);
        try {
            DatasetValidator.checkValues(matrix(c), i -> CellSet.describeCell(c, p.ids()[i], p.first() + i), genes,
                    domain);
            return null;
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    /**
     * Rows of a condition as a batch in the given order.
     *
     * @param local row indices within this block's part (repeats allowed)
     */
    CellBatch batch(Condition c, int[] local, DataType dtype) {
        CellMatrix m = matrix(c);
        float[] buf = new float[local.length * m.genes()];
        m.copyRows(local, buf);
        CellBatch b = CellBatch.fromRows(buf, local.length, m.genes(), dtype);
        int[] all = part(c).batchCodes();
        if (all == null) {
            return b;
        }
        int[] codes = new int[local.length];
        for (int i = 0; i < local.length; i++) {
            codes[i] = all[local[i]];
        }
        return b.withBatchCodes(codes);
    }

    /** Rows of a condition, dense and row-major (rows x genes), with their batch codes (null without). */
    record Rows(float[] values, int[] batchCodes) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    Rows rows(Condition c, int[] local) {
        CellMatrix m = matrix(c);
        float[] buf = new float[local.length * m.genes()];
        m.copyRows(local, buf);
        int[] all = part(c).batchCodes();
        int[] codes = null;
        if (all != null) {
            codes = new int[local.length];
            for (int i = 0; i < local.length; i++) {
                codes[i] = all[local[i]];
            }
        }
        return new Rows(buf, codes);
    }
}
