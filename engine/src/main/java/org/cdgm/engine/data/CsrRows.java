package org.cdgm.engine.data;

import java.util.Arrays;

/**
 * A block of consecutive cells in compressed sparse rows, as read from disk for out-of-core training: int offsets
 * (a block is small), 8 bytes per stored value plus 4 per row.
 *
 * @param rowStart  rows + 1 offsets; row i spans [rowStart[i], rowStart[i + 1])
 * @param geneIndex gene of each stored value, strictly increasing within a row
 * @param values    stored values
 */
public record CsrRows(int genes, int[] rowStart, int[] geneIndex, float[] values) {

    /** @throws IllegalArgumentException when the offsets, lengths or gene indices are inconsistent */
    public CsrRows {
        if (rowStart.length == 0 || rowStart[0] != 0 || rowStart[rowStart.length - 1] != values.length
                || geneIndex.length != values.length) {
            throw new IllegalArgumentException("Inconsistent sparse row block");
        }
        for (int i = 0; i + 1 < rowStart.length; i++) {
            if (rowStart[i + 1] < rowStart[i]) {
                throw new IllegalArgumentException("Row " + i + " has a negative length");
            }
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int g = geneIndex[k];
                if (g < 0 || g >= genes || (k > rowStart[i] && geneIndex[k - 1] >= g)) {
                    throw new IllegalArgumentException("Row " + i + " has unsorted, repeated or out-of-range gene "
                            + "indices");
                }
            }
        }
    }

    public int rows() {
        return rowStart.length - 1;
    }

    /** Bytes held by the arrays (what a memory budget counts). */
    public long bytes() {
        return 4L * rowStart.length + 8L * values.length;
    }

    public double get(int row, int gene) {
        int k = Arrays.binarySearch(geneIndex, rowStart[row], rowStart[row + 1], gene);
        return k >= 0 ? values[k] : 0.0;
    }

    /** Writes row {@code row} densely into dest[offset, offset + genes) (zeros included). */
    public void copyRow(int row, float[] dest, int offset) {
        Arrays.fill(dest, offset, offset + genes, 0f);
        for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
            dest[offset + geneIndex[k]] = values[k];
        }
    }

    public double rowSum(int row) {
        double s = 0;
        for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
            s += values[k];
        }
        return s;
    }
}
