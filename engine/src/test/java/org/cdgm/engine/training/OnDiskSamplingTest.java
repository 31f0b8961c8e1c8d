package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.CsrRows;
import org.cdgm.engine.data.OnDiskCellMatrix;
import org.cdgm.engine.data.RowBlockSource;
import org.cdgm.engine.model.distributions.CellBatch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The trainer's sampler over a matrix read a chunk at a time: each training cell once per pass, within budget. */
class OnDiskSamplingTest {

    /** Row i holds the value i + 1 at gene 0, so a batch tells which rows it holds. */
    private static final class Numbered implements RowBlockSource {
        private final int cells;

        Numbered(int cells) {
            this.cells = cells;
        }

        @Override
        public int cells() {
            return cells;
        }

        @Override
        public int genes() {
            return 2;
        }

        @Override
        public long nonZeros(int from, int to) {
            return to - from;
        }

        @Override
        public CsrRows read(int from, int to) {
            float[] v = new float[to - from];
            for (int i = from; i < to; i++) {
                v[i - from] = i + 1;
            }
            return new CsrRows(2, IntStream.rangeClosed(0, to - from).toArray(), new int[to - from], v);
        }

        @Override
        public String describe() {
            return "numbered";
        }

        @Override
        public void close() {
        }
    }

    /** Batches of the sampler gathered from {@code cells} (as a one-thread step does), as each row's number. */
    private static int[] draw(BatchSampler s, CellSet cells, int batches, int size) {
        int[] out = new int[batches * size];
        for (int b = 0; b < batches; b++) {
            CellBatch batch = BatchSampler.gather(cells, s.next(size), DataType.FLOAT);
            for (int r = 0; r < size; r++) {
                out[b * size + r] = (int) batch.x().getFloat(r, 0) - 1;
            }
        }
        return out;
    }

    @Test
    void everyTrainingCellOncePerEpochWithinTheBudgetAndReproducible() {
        long chunkBytes = 4L * 51 + 8L * 50;
        OnDiskCellMatrix m = new OnDiskCellMatrix(List.of(new Numbered(1000)), 50, 4 * chunkBytes);
        DataSplit split = DataSplit.of(1000, 0.1, new SplittableRandom(1));
        CellSet cells = CellSet.withDefaultIds(Condition.TARGET, m);
        int n = split.training().length; // 900: 9 batches of 100 per pass
        int[] seen = draw(sampler(cells, split.training(), 5), cells, 9, 100);
        int[] sorted = seen.clone();
        Arrays.sort(sorted);
        assertArrayEquals(split.training(), sorted, "each training cell exactly once, no validation cell");
        assertEquals(n, seen.length);
        assertEquals(20, m.chunkReads(), "each of the 20 chunks read once in the pass");
        assertTrue(m.maxResidentChunks() <= 4);
        CellSet same = CellSet.withDefaultIds(Condition.TARGET, m);
        int[] again = draw(sampler(same, split.training(), 5), same, 9, 100);
        assertArrayEquals(seen, again, "the same seed gives the same minibatches");
    }

    /** A sampler of the target rows of {@code cells} (paired with background cells of no consequence). */
    private static BatchSampler sampler(CellSet cells, int[] rows, long seed) {
        ContrastiveDataset data = new ContrastiveDataset(IntStream.range(0, cells.matrix().genes())
                .mapToObj(j -> "g" + j).toList(),
                new CellSet(Condition.BACKGROUND, cells.matrix(), cells.cellIds()), cells);
        return new BatchSampler(TrainingCells.of(data), Condition.TARGET, rows, new SplittableRandom(seed));
    }
}
