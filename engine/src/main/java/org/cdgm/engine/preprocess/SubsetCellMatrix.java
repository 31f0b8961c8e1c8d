package org.cdgm.engine.preprocess;

import org.cdgm.engine.data.CellMatrix;

/** A view of selected cells and genes of another matrix, in the given orders; no values are copied. */
public final class SubsetCellMatrix implements CellMatrix {
    private final CellMatrix base;
    private final int[] cells;
    private final int[] genes;

    public SubsetCellMatrix(CellMatrix base, int[] cells, int[] genes) {
        for (int c : cells) {
            if (c < 0 || c >= base.cells()) {
                throw new IllegalArgumentException("Cell index " + c + " outside 0.." + (base.cells() - 1));
            }
        }
        for (int g : genes) {
            if (g < 0 || g >= base.genes()) {
                throw new IllegalArgumentException("Gene index " + g + " outside 0.." + (base.genes() - 1));
            }
        }
        this.base = base;
        this.cells = cells.clone();
        this.genes = genes.clone();
    }

    @Override
    public int cells() {
        return cells.length;
    }

    @Override
    public int genes() {
        return genes.length;
    }

    @Override
    public double get(int cell, int gene) {
        return base.get(cells[cell], genes[gene]);
    }

    @Override
    public void copyRows(int[] rows, float[] dest) {
        float[] full = new float[base.genes()];
        int[] one = new int[1];
        for (int r = 0; r < rows.length; r++) {
            one[0] = cells[rows[r]];
            base.copyRows(one, full);
            for (int j = 0; j < genes.length; j++) {
                dest[r * genes.length + j] = full[genes[j]];
            }
        }
    }
}
