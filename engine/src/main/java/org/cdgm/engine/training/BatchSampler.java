package org.cdgm.engine.training;

import java.util.SplittableRandom;

import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.ChunkedCellMatrix;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.model.distributions.CellBatch;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Endless full-size minibatches of one data set: walks a shuffled order of the given rows and reshuffles when it
 * runs out, so the smaller of background and target is cycled while the larger is passed over once per epoch.
 * A matrix read from disk a few chunks at a time ({@link ChunkedCellMatrix}) gets its own order of each pass
 * (chunks shuffled, rows shuffled within a memory budget of chunks); an in-memory one a uniform shuffle.
 */
final class BatchSampler {
    private final CellMatrix matrix;
    private final int[] batchCodes;
    private final int[] order;
    private final SplittableRandom rng;
    private final DataType dtype;
    private int position;

    BatchSampler(CellSet cells, int[] rows, SplittableRandom rng, DataType dtype) {
        this.matrix = cells.matrix();
        this.batchCodes = cells.batchCodes();
        this.order = rows.clone();
        this.rng = rng;
        this.dtype = dtype;
        reorder();
    }

    CellBatch next(int size) {
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            if (position == order.length) {
                reorder();
                position = 0;
            }
            rows[i] = order[position++];
        }
        return gather(matrix, batchCodes, rows, dtype);
    }

    /** A new order of the rows for the next pass. */
    private void reorder() {
        if (matrix instanceof ChunkedCellMatrix chunked) {
            chunked.shuffleForReading(order, rng);
        } else {
            Permutations.shuffle(order, rng);
        }
    }

    /** Copies rows into a batch; library sizes are the rows' totals. */
    static CellBatch gather(CellSet cells, int[] rows, DataType dtype) {
        return gather(cells.matrix(), cells.batchCodes(), rows, dtype);
    }

    /** Copies rows, and their batch codes when there are any ({@code batchCodes} null otherwise), into a batch. */
    private static CellBatch gather(CellMatrix matrix, int[] batchCodes, int[] rows, DataType dtype) {
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
