package org.cdgm.engine.metrics;

import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * How many dimensions an embedding really uses: the participation ratio of its covariance eigenvalues,
 * (sum of lambda)^2 / sum of lambda^2 (Gao et al. 2017, "A theory of multineuronal dimensionality, dynamics and
 * measurement"). It is k when k directions carry equal variance and the rest none, and about 1 when one direction
 * carries nearly all of it; never more than the number of coordinates. A salient space of 4 coordinates whose
 * effective dimension is about 2 spends two coordinates on directions that hold little; those are the directions
 * different seeds do not agree on.
 */
public final class EffectiveDimension {
    private EffectiveDimension() {
    }

    /**
     * @param x cells x k coordinates
     * @return the participation ratio, in [1, k]; 0 when every coordinate is constant (no dimension used)
     * @throws IllegalArgumentException when there are fewer than 2 cells or no coordinates
     * @throws org.cdgm.engine.data.InvalidInputException when a coordinate is NaN or infinite
     */
    public static double of(double[][] x) {
        if (x.length < 2) {
            throw new IllegalArgumentException("An effective dimension needs at least 2 cells, got " + x.length);
        }
        if (x[0].length == 0) {
            throw new IllegalArgumentException("An effective dimension needs at least one coordinate per cell");
        }
        FiniteInput.require(x, "the coordinates");
        // eigenvalues of the centred, scaled cross-product are the covariance's times a constant; the ratio ignores it
        Matrices.Centring c = Matrices.Centring.of(x);
        double sum = 0;
        double squares = 0;
        for (double l : new EigenDecomposition(Matrices.crossProduct(x, c, x, c)).getRealEigenvalues()) {
            double v = Math.max(0, l);
            sum += v;
            squares += v * v;
        }
        return squares > 0 ? sum * sum / squares : 0;
    }
}
