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

    /** What {@link #forEachRow} hands each row to. */
    @FunctionalInterface
    interface RowVisitor {
        /**
         * @param row    the row's index
         * @param values the row's values at {@code values[offset] .. values[offset + genes - 1]}
         * @return false to stop the pass
         */
        boolean visit(int row, float[] values, int offset);
    }

    /**
     * Reads every row in order, a block of rows at a time through {@link #copyRows}, until the visitor says stop.
     * Whole-data passes (input validation, the likelihood choice, gene statistics) go through here: reading a sparse
     * matrix entry by entry costs a binary search per entry (2,000 genes x 40,000 cells: several seconds), a row
     * copy does not. The values are those of {@link #get} (every store here holds float values).
     */
    default void forEachRow(RowVisitor visitor) {
        forEachRow(0, cells(), visitor);
    }

    /**
     * As {@link #forEachRow(RowVisitor)} for rows {@code from} (inclusive) to {@code to} (exclusive); the visitor gets
     * each row's index in the whole matrix.
     */
    default void forEachRow(int from, int to, RowVisitor visitor) {
        int g = genes();
        int n = to - from;
        int block = Math.max(1, Math.min(n, (1 << 20) / Math.max(1, g))); // about 4 MB of floats
        float[] buf = new float[block * g];
        int[] rows = new int[block];
        for (int start = from; start < to; start += block) {
            int count = Math.min(block, to - start);
            if (count < rows.length) {
                rows = new int[count];
            }
            for (int r = 0; r < count; r++) {
                rows[r] = start + r;
            }
            copyRows(rows, buf);
            for (int r = 0; r < count; r++) {
                if (!visitor.visit(start + r, buf, r * g)) {
                    return;
                }
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
