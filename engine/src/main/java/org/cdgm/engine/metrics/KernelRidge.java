package org.cdgm.engine.metrics;

import java.util.Arrays;

/**
 * Kernel ridge regression with a Gaussian kernel on standardised inputs (width by the median heuristic): asks
 * whether a block is explained by another through any smooth map, not only an affine one. Fits on at most
 * {@code maxTrain} cells so the O(n^3) solve stays small.
 */
public final class KernelRidge implements Regressor {
    private final double lambda;
    private final int maxTrain;

    public KernelRidge(double lambda, int maxTrain) {
        this.lambda = lambda;
        this.maxTrain = maxTrain;
    }

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public Fitted fit(double[][] xAll, double[][] yAll) {
        int n = Math.min(xAll.length, maxTrain);
        double[][] x = Arrays.copyOf(xAll, n);
        double[][] y = Arrays.copyOf(yAll, n);
        int p = x[0].length;
        int q = y[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            for (double[] r : x) {
                mean[j] += r[j] / n;
            }
            for (double[] r : x) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
            sd[j] = Math.sqrt(sd[j]) + 1e-12;
        }
        double[][] xs = standardise(x, mean, sd);
        double width = medianSquaredDistance(xs);
        double[] yMean = new double[q];
        for (double[] r : y) {
            for (int c = 0; c < q; c++) {
                yMean[c] += r[c] / n;
            }
        }
        double[][] k = new double[n][n];
        double[][] yc = new double[n][q];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                k[i][j] = k[j][i] = Math.exp(-sq(xs[i], xs[j]) / width);
            }
            k[i][i] += lambda;
            for (int c = 0; c < q; c++) {
                yc[i][c] = y[i][c] - yMean[c];
            }
        }
        double[][] alpha = Matrices.solveSpd(k, yc);
        return xNew -> {
            double[][] z = standardise(xNew, mean, sd);
            double[][] out = new double[z.length][q];
            for (int i = 0; i < z.length; i++) {
                for (int c = 0; c < q; c++) {
                    out[i][c] = yMean[c];
                }
                for (int j = 0; j < n; j++) {
                    double kv = Math.exp(-sq(z[i], xs[j]) / width);
                    for (int c = 0; c < q; c++) {
                        out[i][c] += kv * alpha[j][c];
                    }
                }
            }
            return out;
        };
    }

    private static double[][] standardise(double[][] x, double[] mean, double[] sd) {
        double[][] out = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (x[i][j] - mean[j]) / sd[j];
            }
        }
        return out;
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }

    private static double medianSquaredDistance(double[][] x) {
        int n = Math.min(x.length, 500);
        double[] d = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[k++] = sq(x[i], x[j]);
            }
        }
        if (d.length == 0) {
            return 1;
        }
        Arrays.sort(d);
        return Math.max(d[d.length / 2], 1e-12);
    }
}
