package org.cdgm.engine.preprocess;

import org.cdgm.engine.data.CellMatrix;

/**
 * A view of selected cells and genes of another matrix, in the given orders; no values are copied. A view of a view
 * points straight at the underlying matrix (indices composed), so the preparation's successive cell and gene
 * selections cost one indirection, not one per step.
 */
public final class SubsetCellMatrix implements CellMatrix {
    private final CellMatrix base;
    private final int[] cells;
    private final int[] genes;
    /** Whether every gene of the base is kept in its order: rows can then be summed by the base itself. */
    private final boolean allGenes;

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
        if (base instanceof SubsetCellMatrix view) {
            this.base = view.base;
            this.cells = java.util.Arrays.stream(cells).map(c -> view.cells[c]).toArray();
            this.genes = java.util.Arrays.stream(genes).map(g -> view.genes[g]).toArray();
        } else {
            this.base = base;
            this.cells = cells.clone();
            this.genes = genes.clone();
        }
        boolean identity = this.genes.length == this.base.genes();
        for (int j = 0; identity && j < this.genes.length; j++) {
            identity = this.genes[j] == j;
        }
        this.allGenes = identity;
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

    /** The base's own row sum when all genes are kept (a sparse row sums its stored values only). */
    @Override
    public double rowSum(int cell) {
        if (allGenes) {
            return base.rowSum(cells[cell]);
        }
        float[] full = new float[base.genes()];
        base.copyRows(new int[] {cells[cell]}, full);
        double s = 0;
        for (int g : genes) {
            s += full[g];
        }
        return s;
    }
}
