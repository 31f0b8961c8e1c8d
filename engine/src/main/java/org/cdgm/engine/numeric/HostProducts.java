package org.cdgm.engine.numeric;

import org.bytedeco.openblas.global.openblas;

/** Matrix products of row-major {@code double[]} matrices on the Java heap, through cblas_dgemm. */
public final class HostProducts {
    private HostProducts() {
    }

    /** op(a) x op(b) as a new row-major array; a is aRows x aCols and b is bRows x bCols before op. */
    public static double[] times(double[] a, int aRows, int aCols, boolean transA, double[] b, int bRows, int bCols,
                          boolean transB) {
        int m = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int n = transB ? bRows : bCols;
        if (k != (transB ? bCols : bRows)) {
            throw new IllegalArgumentException("Inner sizes differ: " + k + " and " + (transB ? bCols : bRows));
        }
        double[] out = new double[m * n];
        if (m > 0 && n > 0 && k > 0) {
            openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1.0, a, aCols, b, bCols, 0.0, out,
                    n);
        }
        return out;
    }
}
