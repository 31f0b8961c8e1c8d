package org.cdgm.engine.data;

/**
 * Expression values of cells (rows) by genes (columns). Minibatches are gathered through
 * {@link #copyRows}, so a sparse or on-disk store can stand in for the dense one without touching training.
 */
public interface CellMatrix {

    int cells();

    int genes();

    double get(int cell, int gene);

    /** Copies the given rows, in order, into {@code dest} (row-major, rows.length x genes). */
    default void copyRows(int[] rows, float[] dest) {
        int g = genes();
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < g; j++) {
                dest[r * g + j] = (float) get(rows[r], j);
            }
        }
    }

    /** Sum of the row: the cell's library size for counts. */
    default double rowSum(int cell) {
        double s = 0;
        for (int j = 0; j < genes(); j++) {
            s += get(cell, j);
        }
        return s;
    }
}
