package org.cdgm.engine.io;

/** Shared step of the sparse readers: ordering the gene indices (and their values) within one CSR row. */
final class CsrRows {
    private CsrRows() {
    }

    /** Insertion sort of indices[from, to) carrying values along: rows arrive sorted or nearly so. */
    static void sort(int[] indices, float[] values, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int gi = indices[i];
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
}
