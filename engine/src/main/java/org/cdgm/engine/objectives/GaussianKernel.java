package org.cdgm.engine.objectives;

import org.cdgm.engine.numeric.HostProducts;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * k(a, c) = exp(-|a - c|^2 / w) with w = 2 h^2. The width is a constant of the step (the median heuristic is
 * computed on detached codes), so gradients flow only through the codes.
 */
final class GaussianKernel {
    private final double width;

    GaussianKernel(double width) {
        if (!(width > 0) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("Kernel width must be positive and finite, got " + width);
        }
        this.width = width;
    }

    /** Width from a fixed bandwidth h, or the median heuristic over the codes (w = median pairwise distance). */
    static GaussianKernel of(double bandwidth, INDArray codes) {
        if (Double.isNaN(bandwidth)) {
            return new GaussianKernel(Math.max(medianSquaredDistance(codes), 1e-6));
        }
        return new GaussianKernel(2 * bandwidth * bandwidth);
    }

    /** The kernel of a fixed bandwidth h (width 2 h^2). */
    static GaussianKernel of(double bandwidth) {
        return new GaussianKernel(2 * bandwidth * bandwidth);
    }

    /**
     * The median heuristic from squared distances already computed: within a set of n (n x n), within a set of m
     * (m x m) and between them (n x m); the median runs over the distinct pairs of the pooled n + m codes.
     */
    static GaussianKernel median(int n, double[] within1, int m, double[] within2, double[] between) {
        return new GaussianKernel(Math.max(medianOfPairs(n, within1, m, within2, between), 1e-6));
    }

    /** The median over distinct pairs (see {@link #median}); 1 when there are fewer than two codes. */
    private static double medianOfPairs(int n, double[] within1, int m, double[] within2, double[] between) {
        int total = n + m;
        if (total < 2) {
            return 1.0;
        }
        double[] d = new double[total * (total - 1) / 2];
        int k = upperTriangle(within1, n, d, 0);
        k = upperTriangle(within2, m, d, k);
        System.arraycopy(between, 0, d, k, between.length);
        return Selection.kth(d, d.length / 2);
    }

    private static int upperTriangle(double[] square, int n, double[] into, int at) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                into[at++] = square[i * n + j];
            }
        }
        return at;
    }

    /** exp(-d / width) of each squared distance, as a new array. */
    double[] apply(double[] squaredDistances) {
        double[] k = new double[squaredDistances.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = Math.exp(-squaredDistances[i] / width);
        }
        return k;
    }

    /**
     * Host version of {@link #addGradient(INDArray, INDArray, INDArray, double, INDArray, INDArray)}:
     * {@code kTimesM} is a.rows x c.rows, dA and dC (may be null) are shaped like a and c.
     */
    void addGradient(Codes a, Codes c, double[] kTimesM, double w, double[] dA, double[] dC) {
        // d/da_i = f (a_i rowsum(K)_i - (K c)_i), d/dc_j = f (c_j colsum(K)_j - (K^T a)_j), f = -2 w / width
        double f = -2.0 * w / width;
        int d = a.dim;
        double[] kc = HostProducts.times(kTimesM, a.rows, c.rows, false, c.values, c.rows, d, false);
        double[] colSums = new double[c.rows];
        for (int i = 0; i < a.rows; i++) {
            double rowSum = 0;
            for (int j = 0; j < c.rows; j++) {
                rowSum += kTimesM[i * c.rows + j];
                colSums[j] += kTimesM[i * c.rows + j];
            }
            for (int q = 0; q < d; q++) {
                dA[i * d + q] += f * (a.values[i * d + q] * rowSum - kc[i * d + q]);
            }
        }
        if (dC != null) {
            double[] ka = HostProducts.times(kTimesM, a.rows, c.rows, true, a.values, a.rows, d, false);
            for (int j = 0; j < c.rows; j++) {
                for (int q = 0; q < d; q++) {
                    dC[j * d + q] += f * (c.values[j * d + q] * colSums[j] - ka[j * d + q]);
                }
            }
        }
    }

    double width() {
        return width;
    }

    static INDArray squaredDistances(INDArray a, INDArray c) {
        INDArray aa = a.mul(a).sum(true, 1);
        INDArray cc = c.mul(c).sum(true, 1).transpose();
        INDArray d = a.mmul(c.transpose()).muli(-2.0).addiColumnVector(aa).addiRowVector(cc);
        return Transforms.max(d, 0.0, false);
    }

    INDArray matrix(INDArray a, INDArray c) {
        return Transforms.exp(squaredDistances(a, c).muli(-1.0 / width), false);
    }

    /**
     * Adds {@code w} x d/da of sum_ij K_ij * M_ij (M = weights, same shape as K) into dA, and the part for c
     * into dC when not null. d K_ij / d a_i = -2 K_ij (a_i - c_j) / width.
     */
    void addGradient(INDArray a, INDArray c, INDArray kTimesM, double w, INDArray dA, INDArray dC) {
        double f = -2.0 * w / width;
        dA.addi(a.mulColumnVector(kTimesM.sum(true, 1)).subi(kTimesM.mmul(c)).muli(f));
        if (dC != null) {
            dC.addi(c.mulColumnVector(kTimesM.sum(true, 0).transpose()).subi(kTimesM.transpose().mmul(a)).muli(f));
        }
    }

    /** Median of squared distances over distinct pairs of the rows of {@code codes}. */
    static double medianSquaredDistance(INDArray codes) {
        Codes c = Codes.of(codes);
        return medianOfPairs(c.rows, c.squaredDistances(c), 0, new double[0], new double[0]);
    }
}
