package org.cdgm.engine.objectives;

import org.cdgm.engine.numeric.HostProducts;

import org.cdgm.engine.numeric.HostBuffer;
import org.cdgm.engine.model.distributions.LatentSample;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A set of codes (rows x dim, row-major) copied to the Java heap for the kernel regularisers. */
final class Codes {
    final double[] values;
    final int rows;
    final int dim;
    private final DataType type;

    Codes(double[] values, int rows, int dim) {
        this(values, rows, dim, DataType.DOUBLE);
    }

    private Codes(double[] values, int rows, int dim, DataType type) {
        this.values = values;
        this.rows = rows;
        this.dim = dim;
        this.type = type;
    }

    /** A sample's codes, from the host copy it already holds. */
    static Codes of(LatentSample s) {
        INDArray a = s.sample();
        return new Codes(s.hostSample(), (int) a.rows(), (int) a.columns(), a.dataType());
    }

    static Codes of(INDArray a) {
        return new Codes(HostBuffer.read(a), (int) a.rows(), (int) a.columns(), a.dataType());
    }

    /**
     * Squared Euclidean distances to every row of {@code other}: a rows x other.rows matrix, row-major, as
     * |a|^2 + |c|^2 - 2 a.c with the cross products from one dgemm (clamped at 0 against rounding).
     */
    double[] squaredDistances(Codes other) {
        double[] d = HostProducts.times(values, rows, dim, false, other.values, other.rows, other.dim, true);
        double[] aa = squaredNorms();
        double[] cc = other.squaredNorms();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < other.rows; j++) {
                int k = i * other.rows + j;
                d[k] = Math.max(0.0, aa[i] + cc[j] - 2 * d[k]);
            }
        }
        return d;
    }

    private double[] squaredNorms() {
        double[] s = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < dim; c++) {
                s[i] += values[i * dim + c] * values[i * dim + c];
            }
        }
        return s;
    }

    /** An ND4J array shaped like these codes (their type) holding {@code v}: a gradient with respect to them. */
    INDArray like(double[] v) {
        return HostBuffer.matrix(v, type, rows, dim);
    }
}
