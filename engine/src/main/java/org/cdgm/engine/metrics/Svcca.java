package org.cdgm.engine.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * SVCCA similarity of two embeddings of the same cells (Raghu, Gilmer, Yosinski and Sohl-Dickstein, NeurIPS 2017):
 * each embedding is centred and reduced to its leading principal directions that together explain {@link #KEPT} of
 * its variance (the SVD step, which drops directions that hold almost nothing), then the canonical correlations
 * between the two reduced embeddings are averaged (the CCA step). 1 means both span the same space of cells'
 * positions, whatever its axes: it is unchanged by any invertible affine map of either embedding that keeps the
 * kept directions (CCA is affine invariant), which is all the identifiability theory promises (Lopez et al., CLeaR
 * 2024). MCC ({@link Mcc}) asks more: the same axes. A model with more latent dimensions than the data has factors
 * spreads the factors over its axes differently from seed to seed, so its MCC stays low although its SVCCA is high.
 *
 * <p>Computation, from k x k matrices only (one pass over the cells, no copy of them, so that a screen of millions
 * of cells costs no memory): with centred X (cells x k), X^T X = V L V^T; the kept directions V_r whitened,
 * W = V_r L_r^(-1/2), give X W orthonormal columns, and the canonical correlations of the two reduced embeddings
 * are the singular values of W_a^T (X_a^T X_b) W_b (Björck and Golub 1973: the cosines of the principal angles
 * between the two column spaces).
 */
public final class Svcca {
    /** Share of each embedding's variance its kept principal directions explain: Raghu et al.'s 0.99. */
    public static final double KEPT = 0.99;

    private Svcca() {
    }

    /**
     * @param a cells x k_a, one embedding
     * @param b the same cells x k_b, another
     * @return the mean canonical correlation of the two reduced embeddings, in [0, 1]; 0 when either embedding is
     *         constant (a collapsed space shares nothing, as its MCC says)
     * @throws IllegalArgumentException when the cell counts differ, there are fewer than 3 cells or an embedding
     *                                  has no coordinates
     * @throws org.cdgm.engine.data.InvalidInputException naming the embedding when a coordinate is NaN or infinite
     */
    public static double of(double[][] a, double[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("SVCCA needs the same cells: " + a.length + " vs " + b.length);
        }
        if (a.length < 3) {
            throw new IllegalArgumentException("SVCCA needs at least 3 cells, got " + a.length);
        }
        if (a[0].length == 0 || b[0].length == 0) {
            throw new IllegalArgumentException("SVCCA needs at least one coordinate per cell, got " + a[0].length
                    + " and " + b[0].length);
        }
        FiniteInput.require(a, "the first embedding");
        FiniteInput.require(b, "the second embedding");
        Matrices.Centring ca = Matrices.Centring.of(a);
        Matrices.Centring cb = Matrices.Centring.of(b);
        RealMatrix wa = whitenedDirections(Matrices.crossProduct(a, ca, a, ca));
        RealMatrix wb = whitenedDirections(Matrices.crossProduct(b, cb, b, cb));
        if (wa == null || wb == null) {
            return 0;
        }
        RealMatrix m = wa.transpose().multiply(Matrices.crossProduct(a, ca, b, cb)).multiply(wb);
        double[] canonical = new SingularValueDecomposition(m).getSingularValues();
        double sum = 0;
        for (double c : canonical) {
            sum += Math.min(1, c); // rounding can put a cosine a hair above 1
        }
        return sum / canonical.length;
    }

    /**
     * The kept principal directions of a centred cross-product X^T X, each scaled by 1 / sqrt(its eigenvalue)
     * (k x r); null when every eigenvalue is 0.
     */
    private static RealMatrix whitenedDirections(RealMatrix gram) {
        EigenDecomposition e = new EigenDecomposition(gram);
        double[] values = e.getRealEigenvalues();
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(values[j], values[i]));
        double[] sorted = new double[values.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = Math.max(0, values[order[i]]); // rounding can make a zero eigenvalue slightly negative
        }
        int r = kept(sorted);
        if (r == 0) {
            return null;
        }
        RealMatrix w = new Array2DRowRealMatrix(gram.getRowDimension(), r);
        for (int c = 0; c < r; c++) {
            w.setColumnVector(c, e.getEigenvector(order[c]).mapMultiply(1 / Math.sqrt(sorted[c])));
        }
        return w;
    }

    /**
     * How many leading directions explain {@link #KEPT} of the variance, from variances (eigenvalues) in decreasing
     * order; 0 when all are 0 (directions without variance are never needed to reach the share).
     */
    static int kept(double[] variances) {
        double total = 0;
        for (double v : variances) {
            total += v;
        }
        if (!(total > 0)) {
            return 0;
        }
        double cumulative = 0;
        for (int r = 0; r < variances.length; r++) {
            cumulative += variances[r];
            if (cumulative >= KEPT * total) {
                return r + 1;
            }
        }
        return variances.length;
    }
}
