package org.cdgm.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class OnDiskCellMatrixTest {

    /** Rows in memory behind the block interface; row i holds value i + 1 at gene i % genes. */
    static final class MemoryBlocks implements RowBlockSource {
        final int cells;
        final int genes;

        MemoryBlocks(int cells, int genes) {
            this.cells = cells;
            this.genes = genes;
        }

        @Override
        public int cells() {
            return cells;
        }

        @Override
        public int genes() {
            return genes;
        }

        @Override
        public long nonZeros(int from, int to) {
            return to - from;
        }

        @Override
        public CsrRows read(int from, int to) {
            int[] start = IntStream.rangeClosed(0, to - from).toArray();
            int[] g = IntStream.range(from, to).map(i -> i % genes).toArray();
            float[] v = new float[to - from];
            for (int i = from; i < to; i++) {
                v[i - from] = i + 1;
            }
            return new CsrRows(genes, start, g, v);
        }

        @Override
        public String describe() {
            return "memory";
        }

        @Override
        public void close() {
        }
    }

    private static final long CHUNK_BYTES = 4L * 101 + 8L * 100; // 100 rows, one value each

    @Test
    void aPassReadsEachChunkOnceAndKeepsToTheBudget() {
        OnDiskCellMatrix m = new OnDiskCellMatrix(List.of(new MemoryBlocks(1050, 7)), 100, 3 * CHUNK_BYTES);
        int[] rows = IntStream.range(0, 1050).toArray();
        m.shuffleForReading(rows, new SplittableRandom(3));
        float[] dest = new float[7];
        for (int r : rows) {
            m.copyRows(new int[] {r}, dest);
            assertEquals(r + 1, dest[r % 7]);
            assertEquals(r + 1, m.get(r, r % 7));
            assertEquals(0, m.get(r, (r + 1) % 7));
        }
        assertEquals(11, m.chunks());
        assertEquals(11, m.chunkReads());
        assertEquals(3, m.maxResidentChunks());
        assertTrue(m.maxResidentBytes() <= m.budgetBytes());
    }

    @Test
    void theOrderIsAPermutationMixedWithinWindowsAndReproducible() {
        OnDiskCellMatrix m = new OnDiskCellMatrix(List.of(new MemoryBlocks(1000, 3)), 100, 3 * CHUNK_BYTES);
        int[] held = IntStream.range(0, 1000).filter(i -> i % 10 != 0).toArray(); // validation cells left out
        int[] a = held.clone();
        int[] b = held.clone();
        Arrays.sort(b);
        int[] reversed = b.clone();
        for (int i = 0; i < reversed.length / 2; i++) {
            int t = reversed[i];
            reversed[i] = reversed[reversed.length - 1 - i];
            reversed[reversed.length - 1 - i] = t;
        }
        m.shuffleForReading(a, new SplittableRandom(9));
        m.shuffleForReading(reversed, new SplittableRandom(9));
        assertArrayEquals(a, reversed, "the order depends on the rows and the seed only");
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(held, sorted, "every training row exactly once");
        // the first window is 3 whole chunks: 270 rows from exactly 3 chunks, not in file order
        long chunksInFirstWindow = Arrays.stream(a, 0, 270).map(m::chunkOf).distinct().count();
        assertEquals(3, chunksInFirstWindow);
        assertFalse(Arrays.equals(Arrays.copyOf(a, 270), IntStream.of(a).limit(270).sorted().toArray()));
        int[] other = held.clone();
        m.shuffleForReading(other, new SplittableRandom(10));
        assertFalse(Arrays.equals(a, other));
    }

    @Test
    void selectedRowsReadOnlyTheirRowsInFileOrder() throws Exception {
        int[] picked = IntStream.range(0, 500).filter(i -> i % 3 == 1).toArray();
        SelectedRows sel = new SelectedRows(new MemoryBlocks(500, 5), picked);
        assertEquals(picked.length, sel.cells());
        OnDiskCellMatrix m = new OnDiskCellMatrix(List.of(sel), 40, 2 * (4L * 41 + 8L * 40));
        float[] row = new float[5];
        for (int i = 0; i < picked.length; i++) {
            m.copyRows(new int[] {i}, row);
            assertEquals(picked[i] + 1, row[picked[i] % 5], "selected row " + i);
            assertEquals(picked[i] + 1, m.rowSum(i));
        }
        assertEquals(sel.nonZeros(0, picked.length), picked.length);
    }
}
