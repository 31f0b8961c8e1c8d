package org.cdgm.engine.training;

import java.util.SplittableRandom;

import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.ChunkedCellMatrix;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.model.distributions.CellBatch;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Endless full-size minibatches of one condition's rows (as row indices; the step passes fetch the values where
 * they are): walks an order of the given rows and draws a new one when it runs out, so the smaller of background
 * and target is cycled while the larger is passed over once per epoch. The order is the cells'
 * ({@link TrainingCells#shuffleForReading}): a matrix read from disk a few chunks at a time
 * ({@link ChunkedCellMatrix}) gets its own order of each pass (chunks shuffled, rows shuffled within a memory budget
 * of chunks), cells in memory or on a cluster a uniform shuffle.
 */
final class BatchSampler {
    private final TrainingCells cells;
    private final Condition condition;
    private final int[] order;
    private final SplittableRandom rng;
    private int position;

    BatchSampler(TrainingCells cells, Condition condition, int[] rows, SplittableRandom rng) {
        this.cells = cells;
        this.condition = condition;
        this.order = rows.clone();
        this.rng = rng;
        reorder();
    }

    /** The next {@code size} row indices. */
    int[] next(int size) {
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            if (position == order.length) {
                reorder();
                position = 0;
            }
            rows[i] = order[position++];
        }
        return rows;
    }

    /** A new order of the rows for the next pass. */
    private void reorder() {
        cells.shuffleForReading(condition, order, rng);
    }

    /** Copies rows into a batch; library sizes are the rows' totals. */
    static CellBatch gather(CellSet cells, int[] rows, DataType dtype) {
        return gather(cells.matrix(), cells.batchCodes(), rows, dtype);
    }

    /** Copies rows, and their batch codes when there are any ({@code batchCodes} null otherwise), into a batch. */
    static CellBatch gather(CellMatrix matrix, int[] batchCodes, int[] rows, DataType dtype) {
        float[] buf = new float[rows.length * matrix.genes()];
        matrix.copyRows(rows, buf);
        CellBatch b = CellBatch.fromRows(buf, rows.length, matrix.genes(), dtype);
        if (batchCodes == null) {
            return b;
        }
        int[] codes = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            codes[i] = batchCodes[rows[i]];
        }
        return b.withBatchCodes(codes);
    }
}
