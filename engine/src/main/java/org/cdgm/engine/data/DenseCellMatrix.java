package org.cdgm.engine.data;

/** A cells x genes matrix held in one float array (half the memory of double; training runs in float32). */
public final class DenseCellMatrix implements CellMatrix {
    private final int cells;
    private final int genes;
    private final float[] values;

    public DenseCellMatrix(int cells, int genes, float[] values) {
        if (cells < 0 || genes < 0 || (long) cells * genes != values.length) {
            throw new IllegalArgumentException("A " + cells + " x " + genes + " matrix needs " + (long) cells * genes
                    + " values, got " + values.length);
        }
        this.cells = cells;
        this.genes = genes;
        this.values = values;
    }

    public static DenseCellMatrix of(double[][] rows) {
        int n = rows.length;
        int g = n == 0 ? 0 : rows[0].length;
        float[] v = new float[n * g];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != g) {
                throw new IllegalArgumentException("Row " + i + " has " + rows[i].length + " values, expected " + g);
            }
            for (int j = 0; j < g; j++) {
                v[i * g + j] = (float) rows[i][j];
            }
        }
        return new DenseCellMatrix(n, g, v);
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
    public double get(int cell, int gene) {
        return values[cell * genes + gene];
    }

    @Override
    public void copyRows(int[] rows, float[] dest) {
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(values, rows[r] * genes, dest, r * genes, genes);
        }
    }
}
