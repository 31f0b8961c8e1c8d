package org.cdgm.engine.metrics;

import java.util.Arrays;

/** Pearson and Spearman correlation of columns. */
public enum Correlation {
    PEARSON,
    /** Pearson correlation of ranks, ties given their average rank. */
    SPEARMAN;

    public double of(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Vectors differ in length: " + a.length + " vs " + b.length);
        }
        return this == PEARSON ? pearson(a, b) : pearson(ranks(a), ranks(b));
    }

    /** |corr| between every column of a (n x p) and of b (n x q): a p x q matrix. */
    public double[][] absoluteMatrix(double[][] a, double[][] b) {
        double[][] ca = Matrices.columns(a);
        double[][] cb = Matrices.columns(b);
        if (this == SPEARMAN) {
            ca = Arrays.stream(ca).map(Correlation::ranks).toArray(double[][]::new);
            cb = Arrays.stream(cb).map(Correlation::ranks).toArray(double[][]::new);
        }
        double[][] out = new double[ca.length][cb.length];
        for (int i = 0; i < ca.length; i++) {
            for (int j = 0; j < cb.length; j++) {
                out[i][j] = Math.abs(pearson(ca[i], cb[j]));
            }
        }
        return out;
    }

    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa == 0 || sbb == 0) {
            return 0; // a constant column carries no information about the other
        }
        return sab / Math.sqrt(saa * sbb);
    }

    static double[] ranks(double[] a) {
        int n = a.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(a[x], a[y]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && a[idx[j + 1]] == a[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }
}
