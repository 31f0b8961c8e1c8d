package org.cdgm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class SvccaTest {
    private final SplittableRandom rng = new SplittableRandom(11);

    private double[][] gaussian(int n, int d) {
        return GaussianCells.draw(rng, n, d);
    }

    private static double[][] times(double[][] x, double[][] m, double shift) {
        double[][] y = new double[x.length][m[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                for (int k = 0; k < m.length; k++) {
                    y[i][j] += x[i][k] * m[k][j];
                }
                y[i][j] += shift;
            }
        }
        return y;
    }

    @Test
    void anInvertibleAffineMapGivesOne() {
        double[][] a = gaussian(600, 3);
        double[][] m = {{2, 0.5, -1}, {0.3, -1, 0.2}, {1, 1, 3}};
        assertEquals(1.0, Svcca.of(a, times(a, m, 4)), 1e-10);
    }

    @Test
    void independentEmbeddingsScoreNearZero() {
        assertTrue(Svcca.of(gaussian(3000, 3), gaussian(3000, 3)) < 0.05);
    }

    /**
     * The case SVCCA is here for: two fits with 4 coordinates for 2 factors. One puts the factors on its first two
     * axes, the other on the diagonals between them (a rotation by 45 degrees); each keeps a little noise of its own
     * in its last two axes. Axis by axis they disagree (MCC about 0.35), as spaces they are the same (SVCCA 1: the
     * noise directions hold 0.25% of the variance and are dropped by the SVD step).
     */
    @Test
    void theSameFactorsRotatedDifferentlyAgreeAsASpaceButNotAxisByAxis() {
        int n = 2000;
        double[][] f = gaussian(n, 2);
        double[][] a = new double[n][];
        double[][] b = new double[n][];
        double h = Math.sqrt(0.5);
        for (int i = 0; i < n; i++) {
            a[i] = new double[] {f[i][0], f[i][1], 0.05 * rng.nextGaussian(), 0.05 * rng.nextGaussian()};
            b[i] = new double[] {h * (f[i][0] + f[i][1]), h * (f[i][0] - f[i][1]), 0.05 * rng.nextGaussian(),
                    0.05 * rng.nextGaussian()};
        }
        assertEquals(0.35, Mcc.of(a, b, Correlation.PEARSON).mean(), 0.05);
        assertEquals(1.0, Svcca.of(a, b), 1e-6);
    }

    /** Factors padded with two tiny noise columns, then rotated in 4-D. */
    private double[][] embed(double[][] factors, double[][] rotation, double noise) {
        double[][] padded = new double[factors.length][4];
        for (int i = 0; i < factors.length; i++) {
            padded[i] = new double[] {factors[i][0], factors[i][1], noise * rng.nextGaussian(),
                    noise * rng.nextGaussian()};
        }
        return times(padded, rotation, 0);
    }

    /** A random 4 x 4 rotation: the Q of a Gaussian matrix's QR decomposition. */
    private double[][] rotation() {
        return new QRDecomposition(MatrixUtils.createRealMatrix(gaussian(4, 4))).getQ().getData();
    }

    /**
     * Against the textbook CCA: after the SVD step, the squared canonical correlations are the eigenvalues of
     * Saa^-1 Sab Sbb^-1 Sba (Hotelling 1936) on the reduced embeddings.
     */
    @Test
    void matchesCanonicalCorrelationsFromCovarianceMatrices() {
        int n = 500;
        double[][] a = gaussian(n, 3);
        double[][] b = times(a, new double[][] {{1, 0.2}, {0.5, -0.3}, {0, 1}}, 0);
        double[][] noise = gaussian(n, 2);
        for (int i = 0; i < n; i++) {
            b[i][0] += 0.8 * noise[i][0];
            b[i][1] += 1.5 * noise[i][1];
        }
        // with full-rank, well spread columns the SVD step keeps every direction, so CCA is on a and b themselves
        RealMatrix ca = MatrixUtils.createRealMatrix(centred(a));
        RealMatrix cb = MatrixUtils.createRealMatrix(centred(b));
        RealMatrix saa = ca.transpose().multiply(ca);
        RealMatrix sbb = cb.transpose().multiply(cb);
        RealMatrix sab = ca.transpose().multiply(cb);
        RealMatrix m = MatrixUtils.inverse(sbb).multiply(sab.transpose()).multiply(MatrixUtils.inverse(saa))
                .multiply(sab);
        double[] squared = new EigenDecomposition(m).getRealEigenvalues();
        double mean = 0;
        for (double s : squared) {
            mean += Math.sqrt(Math.max(0, s)) / squared.length;
        }
        assertEquals(mean, Svcca.of(a, b), 1e-9);
        assertTrue(mean > 0.3 && mean < 0.95, "a case in between: " + mean);
    }

    /** A copy with each column's mean subtracted, computed directly. */
    private static double[][] centred(double[][] x) {
        double[][] out = new double[x.length][];
        for (int j = 0; j < x[0].length; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            for (int i = 0; i < x.length; i++) {
                if (out[i] == null) {
                    out[i] = new double[x[0].length];
                }
                out[i][j] = x[i][j] - mean;
            }
        }
        return out;
    }

    /** A constant coordinate (a dimension the model left unused) holds no direction and changes nothing. */
    @Test
    void aConstantCoordinateIsIgnored() {
        double[][] a = gaussian(400, 2);
        double[][] padded = new double[400][];
        for (int i = 0; i < 400; i++) {
            padded[i] = new double[] {a[i][0], 3.0, a[i][1]};
        }
        assertEquals(1.0, Svcca.of(a, padded), 1e-10);
        assertEquals(EffectiveDimension.of(a), EffectiveDimension.of(padded), 1e-10);
    }

    @Test
    void theSvdStepKeepsTheDirectionsExplainingNinetyNinePercent() {
        assertEquals(2, Svcca.kept(new double[] {9, 4, 0.01})); // 13 of 13.01
        assertEquals(3, Svcca.kept(new double[] {9, 4, 0.25})); // 13 of 13.25 is below 99%
        assertEquals(1, Svcca.kept(new double[] {1, 0, 0}));
        assertEquals(0, Svcca.kept(new double[] {0, 0}));
    }

    @Test
    void aConstantEmbeddingSharesNothing() {
        assertEquals(0.0, Svcca.of(new double[50][2], gaussian(50, 2)));
        assertEquals(0.0, EffectiveDimension.of(new double[10][3]));
    }

    /** Both measures ignore the overall scale, down to coordinates of 1e-150 and up to 1e150 (helper's break). */
    @Test
    void extremeScalesGiveTheSameFigures() {
        double[][] a = gaussian(200, 3);
        double[][] b = times(a, new double[][] {{1, 0.5}, {0, 1}, {0.2, 0}}, 0);
        double[][] noise = gaussian(200, 2);
        for (int i = 0; i < 200; i++) {
            b[i][0] += noise[i][0];
            b[i][1] += noise[i][1];
        }
        double svcca = Svcca.of(a, b);
        double dimension = EffectiveDimension.of(b);
        for (double scale : new double[] {1e150, 1e-150}) {
            double[][] big = times(a, new double[][] {{scale, 0, 0}, {0, scale, 0}, {0, 0, scale}}, 0);
            assertEquals(svcca, Svcca.of(big, b), 1e-9, "scale " + scale);
            assertEquals(dimension, EffectiveDimension.of(times(b, new double[][] {{scale, 0}, {0, scale}}, 0)), 1e-9);
        }
    }

    @Test
    void noCoordinatesAreRefused() {
        assertEquals("SVCCA needs at least one coordinate per cell, got 0 and 2", assertThrows(
                IllegalArgumentException.class, () -> Svcca.of(new double[5][0], gaussian(5, 2))).getMessage());
    }

    @Test
    void differentCellsAreRefused() {
        assertEquals("SVCCA needs the same cells: 10 vs 11", assertThrows(IllegalArgumentException.class,
                () -> Svcca.of(gaussian(10, 2), gaussian(11, 2))).getMessage());
    }

    @Test
    void effectiveDimensionCountsTheDirectionsThatCarryVariance() {
        int n = 4000;
        double[][] factors = gaussian(n, 2);
        // two directions of equal variance, two with almost none, rotated: about 2
        double[][] x = embed(factors, rotation(), 0.001);
        assertEquals(2.0, EffectiveDimension.of(x), 0.05);
        assertEquals(4.0, EffectiveDimension.of(gaussian(n, 4)), 0.1);
    }

    @Test
    void effectiveDimensionMatchesTheCovarianceEigenvalues() {
        double[][] x = times(gaussian(300, 3), new double[][] {{3, 0, 0}, {1, 1, 0}, {0, 0.2, 0.5}}, 2);
        RealMatrix c = new Array2DRowRealMatrix(centred(x));
        double[] eigen = new EigenDecomposition(c.transpose().multiply(c).scalarMultiply(1.0 / 299))
                .getRealEigenvalues();
        double sum = 0;
        double squares = 0;
        for (double l : eigen) {
            sum += l;
            squares += l * l;
        }
        assertEquals(sum * sum / squares, EffectiveDimension.of(x), 1e-9);
    }
}
