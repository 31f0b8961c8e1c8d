package org.cdgm.engine.io;

import java.util.Arrays;

import org.cdgm.engine.data.SparseCellMatrix;

/**
 * Builds canonical compressed sparse rows (one row per cell, gene indices increasing within a row, no repeats)
 * from what files hold: coordinate triplets (MatrixMarket) or compressed rows that may be unsorted or repeat an
 * index (AnnData, Cell Ranger). Repeated entries are summed, as scipy's {@code tocsr()} and
 * {@code sum_duplicates()} do, so a non-canonical file reads as the same matrix scanpy shows. Genes can be dropped
 * or renumbered on the way ({@code geneMap[g] = new index, or -1 to drop}), e.g. antibody-capture features.
 */
final class CsrBuilder {
    private CsrBuilder() {
    }

    /**
     * From triplets (cellOf[k], geneOf[k], val[k]) for k in [0, n), 0-based, already range-checked.
     *
     * @param geneMap new index of each gene of the file, -1 to drop it; null keeps every gene
     */
    static SparseCellMatrix fromTriplets(int cells, int genes, int[] cellOf, int[] geneOf, float[] val, int n,
                                         int[] geneMap) {
        long[] start = new long[cells + 1];
        for (int k = 0; k < n; k++) {
            if (geneMap == null || geneMap[geneOf[k]] >= 0) {
                start[cellOf[k] + 1]++;
            }
        }
        for (int i = 0; i < cells; i++) {
            start[i + 1] += start[i];
        }
        int kept = (int) start[cells];
        long[] fill = Arrays.copyOf(start, cells);
        int[] idx = new int[kept];
        float[] values = new float[kept];
        for (int k = 0; k < n; k++) {
            int g = geneMap == null ? geneOf[k] : geneMap[geneOf[k]];
            if (g >= 0) {
                int pos = (int) fill[cellOf[k]]++;
                idx[pos] = g;
                values[pos] = val[k];
            }
        }
        return canonical(cells, genes, start, idx, values, null);
    }

    /**
     * From compressed rows as stored: row i spans [indptr[i], indptr[i + 1]) of indices/data. The arrays may be
     * changed in place.
     *
     * @param geneMap new index of each gene index of the file, -1 to drop it; null keeps every gene
     */
    static SparseCellMatrix canonical(int cells, int genes, long[] indptr, int[] indices, float[] data,
                                      int[] geneMap) {
        long[] outStart = new long[cells + 1];
        int w = 0;
        for (int i = 0; i < cells; i++) {
            int from = (int) indptr[i];
            int to = (int) indptr[i + 1];
            int rowStart = w;
            for (int k = from; k < to; k++) {
                int g = geneMap == null ? indices[k] : geneMap[indices[k]];
                if (g >= 0) {
                    indices[w] = g; // w <= k: compaction never overtakes the read position
                    data[w] = data[k];
                    w++;
                }
            }
            sort(indices, data, rowStart, w);
            int merged = rowStart;
            for (int k = rowStart; k < w; k++) {
                if (merged > rowStart && indices[merged - 1] == indices[k]) {
                    data[merged - 1] += data[k];
                } else {
                    indices[merged] = indices[k];
                    data[merged] = data[k];
                    merged++;
                }
            }
            w = merged;
            outStart[i + 1] = w;
        }
        int[] idx = w == indices.length ? indices : Arrays.copyOf(indices, w);
        float[] values = w == data.length ? data : Arrays.copyOf(data, w);
        return new SparseCellMatrix(cells, genes, outStart, idx, values);
    }

    /**
     * Sorts indices[from, to) carrying values along. Rows usually arrive sorted (one pass) or nearly so
     * (insertion sort); a long unsorted row is sorted as packed (index, value bits) longs in O(m log m).
     */
    static void sort(int[] indices, float[] values, int from, int to) {
        if (to - from > 32 && !sorted(indices, from, to)) {
            long[] packed = new long[to - from];
            for (int k = from; k < to; k++) {
                packed[k - from] = ((long) indices[k] << 32) | (Float.floatToRawIntBits(values[k]) & 0xffffffffL);
            }
            Arrays.sort(packed); // indices are non-negative, so the sign bit never decides the order
            for (int k = from; k < to; k++) {
                indices[k] = (int) (packed[k - from] >>> 32);
                values[k] = Float.intBitsToFloat((int) packed[k - from]);
            }
            return;
        }
        for (int i = from + 1; i < to; i++) {
            int gi = indices[i];
            if (indices[i - 1] <= gi) {
                continue;
            }
            float vi = values[i];
            int j = i - 1;
            while (j >= from && indices[j] > gi) {
                indices[j + 1] = indices[j];
                values[j + 1] = values[j];
                j--;
            }
            indices[j + 1] = gi;
            values[j + 1] = vi;
        }
    }

    private static boolean sorted(int[] indices, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (indices[k - 1] > indices[k]) {
                return false;
            }
        }
        return true;
    }
}
