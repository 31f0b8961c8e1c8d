package org.cdgm.engine.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
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
 * <p>Computation: for centred X (cells x k) with thin SVD X = U S V^T, the reduced embedding X V_r = U_r S_r has
 * orthogonal columns, so its canonical correlations with the other's are the singular values of U_r^T U'_r'
 * (Björck and Golub 1973: the cosines of the principal angles between the two column spaces).
 */
public final class Svcca {
    /** Share of each embedding's variance its kept principal directions explain: Raghu et al.'s 0.99. */
    public static final double KEPT = 0.99;

    private Svcca() {
    }

    /**
     * @param a cells x k_a, one embedding
     * @param b the same cells x k_b, another
     * @return the mean canonical correlation of the two reduced embeddings, in [0, 1]; NaN when either embedding
     *         is constant (no direction to keep)
     * @throws IllegalArgumentException when the cell counts differ or there are fewer than 3 cells
     * @throws org.cdgm.engine.data.InvalidInputException naming the embedding when a coordinate is NaN or infinite
     */
    public static double of(double[][] a, double[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("SVCCA needs the same cells: " + a.length + " vs " + b.length);
        }
        if (a.length < 3) {
            throw new IllegalArgumentException("SVCCA needs at least 3 cells, got " + a.length);
        }
        FiniteInput.require(a, "the first embedding");
        FiniteInput.require(b, "the second embedding");
        RealMatrix ua = leadingDirections(a);
        RealMatrix ub = leadingDirections(b);
        if (ua == null || ub == null) {
            return Double.NaN;
        }
        double[] canonical = new SingularValueDecomposition(ua.transpose().multiply(ub)).getSingularValues();
        double sum = 0;
        for (double c : canonical) {
            sum += Math.min(1, c); // rounding can put a cosine a hair above 1
        }
        return sum / canonical.length;
    }

    /** Left singular vectors (cells x r) of the centred embedding for the directions kept; null when constant. */
    private static RealMatrix leadingDirections(double[][] x) {
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(centred(x), false));
        int r = kept(svd.getSingularValues());
        return r == 0 ? null : svd.getU().getSubMatrix(0, x.length - 1, 0, r - 1);
    }

    /**
     * How many leading directions explain {@link #KEPT} of the variance, from singular values in decreasing order
     * (variance is proportional to their squares); 0 when all are 0.
     */
    static int kept(double[] singular) {
        double total = 0;
        for (double s : singular) {
            total += s * s;
        }
        if (!(total > 0)) {
            return 0;
        }
        double cumulative = 0;
        for (int r = 0; r < singular.length; r++) {
            cumulative += singular[r] * singular[r];
            if (cumulative >= KEPT * total) {
                return r + 1;
            }
        }
        return singular.length;
    }

    /** A copy with each column's mean subtracted. */
    static double[][] centred(double[][] x) {
        int k = x[0].length;
        double[] mean = new double[k];
        for (double[] row : x) {
            for (int j = 0; j < k; j++) {
                mean[j] += row[j] / x.length;
            }
        }
        double[][] out = new double[x.length][k];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < k; j++) {
                out[i][j] = x[i][j] - mean[j];
            }
        }
        return out;
    }
}
