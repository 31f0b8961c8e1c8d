package org.cdgm.engine.metrics;

/** Affine least squares with a tiny ridge for stability: what "identifiable up to an affine map" asks for. */
public final class RidgeRegression implements Regressor {
    private final double lambda;

    public RidgeRegression(double lambda) {
        this.lambda = lambda;
    }

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public Fitted fit(double[][] x, double[][] y) {
        int n = x.length;
        int p = x[0].length + 1; // intercept column
        int q = y[0].length;
        double[][] xtx = new double[p][p];
        double[][] xty = new double[p][q];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, row, 0, p - 1);
            row[p - 1] = 1;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    xtx[a][b] += row[a] * row[b];
                }
                for (int c = 0; c < q; c++) {
                    xty[a][c] += row[a] * y[i][c];
                }
            }
        }
        for (int a = 0; a < p - 1; a++) {
            xtx[a][a] += lambda * n;
        }
        xtx[p - 1][p - 1] += 1e-12;
        double[][] beta = Matrices.solveSpd(xtx, xty);
        return xs -> {
            double[][] out = new double[xs.length][q];
            for (int i = 0; i < xs.length; i++) {
                for (int c = 0; c < q; c++) {
                    double s = beta[p - 1][c];
                    for (int a = 0; a < p - 1; a++) {
                        s += xs[i][a] * beta[a][c];
                    }
                    out[i][c] = s;
                }
            }
            return out;
        };
    }
}
