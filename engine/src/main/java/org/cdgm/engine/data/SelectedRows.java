package org.cdgm.engine.data;

import java.io.IOException;

/**
 * Some rows of a {@link RowBlockSource} (e.g. the background cells of a file that holds both conditions), in file
 * order, as a source of their own. A block of selected rows is read as the file rows it spans, in pieces of at most
 * as many file rows as the block has, so the memory of a read stays within a few blocks' worth.
 */
public final class SelectedRows implements RowBlockSource {
    private final RowBlockSource base;
    private final int[] rows;
    private final long[] prefixNonZeros;

    /**
     * @param rows strictly increasing rows of {@code base}
     * @throws IllegalArgumentException when rows are not strictly increasing or outside the source
     */
    public SelectedRows(RowBlockSource base, int[] rows) {
        this.base = base;
        this.rows = rows.clone();
        prefixNonZeros = new long[rows.length + 1];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= base.cells() || (i > 0 && rows[i] <= rows[i - 1])) {
                throw new IllegalArgumentException("Selected rows must increase within the " + base.cells()
                        + " rows of " + base.describe());
            }
            prefixNonZeros[i + 1] = prefixNonZeros[i] + base.nonZeros(rows[i], rows[i] + 1);
        }
    }

    @Override
    public int cells() {
        return rows.length;
    }

    @Override
    public int genes() {
        return base.genes();
    }

    @Override
    public long nonZeros(int from, int to) {
        return prefixNonZeros[to] - prefixNonZeros[from];
    }

    @Override
    public CsrRows read(int from, int to) throws IOException {
        int n = to - from;
        int[] start = new int[n + 1];
        int nnz = Math.toIntExact(nonZeros(from, to));
        int[] genesOf = new int[nnz];
        float[] values = new float[nnz];
        int out = 0; // next selected row to fill, relative to from
        int at = 0;
        int fileFrom = n == 0 ? 0 : rows[from];
        int fileEnd = n == 0 ? 0 : rows[to - 1] + 1;
        for (int a = fileFrom; a < fileEnd; a += Math.max(1, n)) {
            int b = Math.min(fileEnd, a + Math.max(1, n));
            CsrRows piece = base.read(a, b);
            while (out < n && rows[from + out] < b) {
                int local = rows[from + out] - a;
                int k0 = piece.rowStart()[local];
                int len = piece.rowStart()[local + 1] - k0;
                System.arraycopy(piece.geneIndex(), k0, genesOf, at, len);
                System.arraycopy(piece.values(), k0, values, at, len);
                at += len;
                start[++out] = at;
            }
        }
        return new CsrRows(genes(), start, genesOf, values);
    }

    @Override
    public String describe() {
        return base.describe();
    }

    /** Closes the underlying source. */
    @Override
    public void close() throws IOException {
        base.close();
    }
}
