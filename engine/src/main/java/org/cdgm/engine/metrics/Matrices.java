package org.cdgm.engine.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/** Small dense linear algebra on double[][] (rows), enough for the metrics. */
final class Matrices {
    private Matrices() {
    }

    static double[][] columns(double[][] rows) {
        int n = rows.length;
        int p = n == 0 ? 0 : rows[0].length;
        double[][] c = new double[p][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                c[j][i] = rows[i][j];
            }
        }
        return c;
    }

    static double[][] select(double[][] rows, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = rows[idx[i]];
        }
        return out;
    }

    /** Solves A X = B for symmetric positive definite A (Cholesky); B has several right-hand sides. */
    static double[][] solveSpd(double[][] a, double[][] b) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (s <= 0) {
                        throw new ArithmeticException("Matrix is not positive definite");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        int m = b[0].length;
        double[][] x = new double[n][m];
        for (int c = 0; c < m; c++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = b[i][c];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * y[k];
                }
                y[i] = s / l[i][i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = y[i];
                for (int k = i + 1; k < n; k++) {
                    s -= l[k][i] * x[k][c];
                }
                x[i][c] = s / l[i][i];
            }
        }
        return x;
    }

    /**
     * Column means and one scale for all columns (1 / the largest absolute centred value): SVCCA and the effective
     * dimension ignore an embedding's overall scale, and without it coordinates beyond about 1e75 (or below 1e-75)
     * would overflow (underflow) once squared in the cross-product and again in the eigen solver.
     */
    record Centring(double[] mean, double scale) {
        static Centring of(double[][] x) {
            double[] mean = new double[x[0].length];
            for (double[] row : x) {
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += row[j] / x.length; // divided first: a sum of 1e300s would overflow
                }
            }
            double largest = 0;
            for (double[] row : x) {
                for (int j = 0; j < mean.length; j++) {
                    largest = Math.max(largest, Math.abs(row[j] - mean[j]));
                }
            }
            return new Centring(mean, largest > 0 ? 1 / largest : 1);
        }
    }

    /** ((X - mean_x) s_x)^T ((Y - mean_y) s_y), k_x x k_y, in one pass over the cells. */
    static RealMatrix crossProduct(double[][] x, Centring cx, double[][] y, Centring cy) {
        int p = cx.mean().length;
        int q = cy.mean().length;
        double[][] s = new double[p][q];
        double[] dx = new double[p];
        double[] dy = new double[q];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                dx[j] = (x[i][j] - cx.mean()[j]) * cx.scale();
            }
            for (int j = 0; j < q; j++) {
                dy[j] = (y[i][j] - cy.mean()[j]) * cy.scale();
            }
            for (int j = 0; j < p; j++) {
                for (int l = 0; l < q; l++) {
                    s[j][l] += dx[j] * dy[l];
                }
            }
        }
        return new Array2DRowRealMatrix(s, false);
    }
}
