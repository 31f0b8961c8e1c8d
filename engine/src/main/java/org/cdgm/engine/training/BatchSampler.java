package org.cdgm.engine.training;

import java.util.SplittableRandom;

import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.model.CellBatch;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Endless full-size minibatches of one data set: walks a shuffled order of the given rows and reshuffles when it
 * runs out, so the smaller of background and target is cycled while the larger is passed over once per epoch.
 */
final class BatchSampler {
    private final CellMatrix matrix;
    private final int[] order;
    private final SplittableRandom rng;
    private final DataType dtype;
    private int position;

    BatchSampler(CellMatrix matrix, int[] rows, SplittableRandom rng, DataType dtype) {
        this.matrix = matrix;
        this.order = rows.clone();
        this.rng = rng;
        this.dtype = dtype;
        Permutations.shuffle(order, rng);
    }

    CellBatch next(int size) {
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            if (position == order.length) {
                Permutations.shuffle(order, rng);
                position = 0;
            }
            rows[i] = order[position++];
        }
        return gather(matrix, rows, dtype);
    }

    /** Copies rows into a batch; library sizes are the rows' totals. */
    static CellBatch gather(CellMatrix matrix, int[] rows, DataType dtype) {
        float[] buf = new float[rows.length * matrix.genes()];
        matrix.copyRows(rows, buf);
        return CellBatch.fromRows(buf, rows.length, matrix.genes(), dtype);
    }
}
