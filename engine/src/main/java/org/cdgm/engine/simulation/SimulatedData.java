package org.cdgm.engine.simulation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;

/**
 * A simulated data set and its truth. Latent arrays are per cell, background cells first in their own arrays:
 * {@code backgroundShared} (n_b x k_z), {@code targetShared} (n_t x k_z), {@code targetSalient} (n_t x k_t);
 * background cells have t = 0 by construction. Component labels say which mixture component drew each code;
 * {@code mixing} is the noiseless map from codes to (standardised) genes.
 */
public record SimulatedData(ContrastiveDataset dataset, SimulationSettings settings, double[][] backgroundShared,
                            double[][] targetShared, double[][] targetSalient, int[] targetSalientComponent,
                            int[] targetSharedComponent, TrueMixing mixing) {

    /** Name of the metadata column of {@link #cells()} that holds "background" or "target". */
    public static final String CONDITION_COLUMN = "condition";

    /**
     * The true salient effect of every target cell on every gene, f_std(z, t) - f_std(z, 0) at the cell's true
     * codes ({@link TrueMixing#salientEffect}): what its salient variation adds to each gene before noise, in
     * standard deviations of the gene over all simulated cells (the units of the Gaussian data). Computed on demand.
     *
     * @return n_t x genes, target cells and genes in the data set's order
     */
    public double[][] trueSalientEffect() {
        double[][] out = new double[targetShared.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = mixing.salientEffect(targetShared[i], targetSalient[i]);
        }
        return out;
    }

    /** All cells, background first, as one matrix whose metadata column "condition" says which is which. */
    public AnnotatedMatrix cells() {
        CellSet bg = dataset.background();
        CellSet tg = dataset.target();
        int n = bg.cells() + tg.cells();
        int g = dataset.geneCount();
        float[] values = new float[n * g];
        float[] part = new float[tg.cells() * g];
        bg.matrix().copyRows(IntStream.range(0, bg.cells()).toArray(), values);
        tg.matrix().copyRows(IntStream.range(0, tg.cells()).toArray(), part);
        System.arraycopy(part, 0, values, bg.cells() * g, part.length);
        List<String> ids = new ArrayList<>(bg.cellIds());
        ids.addAll(tg.cellIds());
        List<String> condition = new ArrayList<>(n);
        condition.addAll(Collections.nCopies(bg.cells(), "background"));
        condition.addAll(Collections.nCopies(tg.cells(), "target"));
        return new AnnotatedMatrix(new DenseCellMatrix(n, g, values), dataset.genes(), ids,
                new CellMetadata(n, Map.of(CONDITION_COLUMN, condition)));
    }
}
