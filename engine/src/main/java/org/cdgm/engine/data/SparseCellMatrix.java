package org.cdgm.engine.data;

import java.util.Arrays;

/**
 * Compressed sparse rows (one row per cell): the natural layout of single-cell counts, where most entries are 0.
 * Memory is 8 bytes per non-zero plus 8 per cell, against 4 x genes per cell for {@link DenseCellMatrix}.
 */
public final class SparseCellMatrix implements CellMatrix {
    private final int cells;
    private final int genes;
    private final long[] rowStart;
    private final int[] geneIndex;
    private final float[] values;

    /**
     * @param rowStart  cells + 1 offsets into geneIndex/values; row i spans [rowStart[i], rowStart[i + 1])
     * @param geneIndex column of each stored value, increasing within a row
     * @param values    stored values
     */
    public SparseCellMatrix(int cells, int genes, long[] rowStart, int[] geneIndex, float[] values) {
        if (rowStart.length != cells + 1 || rowStart[0] != 0 || rowStart[cells] != values.length
                || geneIndex.length != values.length) {
            throw new IllegalArgumentException("Inconsistent sparse matrix structure");
        }
        for (int i = 0; i < cells; i++) {
            for (long k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int g = geneIndex[(int) k];
                if (g < 0 || g >= genes || (k > rowStart[i] && geneIndex[(int) k - 1] >= g)) {
                    throw new IllegalArgumentException("Row " + i + " has unsorted or out-of-range gene indices");
                }
            }
        }
        this.cells = cells;
        this.genes = genes;
        this.rowStart = rowStart;
        this.geneIndex = geneIndex;
        this.values = values;
    }

    @Override
    public int cells() {
        return cells;
    }

    @Override
    public int genes() {
        return genes;
    }

    public long nonZeros() {
        return values.length;
    }

    @Override
    public double get(int cell, int gene) {
        int from = (int) rowStart[cell];
        int to = (int) rowStart[cell + 1];
        int k = Arrays.binarySearch(geneIndex, from, to, gene);
        return k >= 0 ? values[k] : 0.0;
    }

    @Override
    public void copyRows(int[] rows, float[] dest) {
        Arrays.fill(dest, 0, rows.length * genes, 0f);
        for (int r = 0; r < rows.length; r++) {
            int base = r * genes;
            for (long k = rowStart[rows[r]]; k < rowStart[rows[r] + 1]; k++) {
                dest[base + geneIndex[(int) k]] = values[(int) k];
            }
        }
    }

    @Override
    public double rowSum(int cell) {
        double s = 0;
        for (long k = rowStart[cell]; k < rowStart[cell + 1]; k++) {
            s += values[(int) k];
        }
        return s;
    }
}
