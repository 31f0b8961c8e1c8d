package org.cdgm.engine.metrics;

import java.util.Arrays;

/**
 * Hungarian algorithm (Kuhn-Munkres with potentials, O(n^2 m)) for rectangular assignment: each row gets a
 * distinct column, minimising the total cost. Used to match true and learned latent dimensions.
 */
public final class LinearAssignment {
    private LinearAssignment() {
    }

    /** For an n x m cost matrix with n <= m, returns for each row the column assigned to it. */
    public static int[] minimise(double[][] cost) {
        int n = cost.length;
        if (n == 0) {
            return new int[0];
        }
        int m = cost[0].length;
        if (n > m) {
            throw new IllegalArgumentException("More rows (" + n + ") than columns (" + m + "): transpose first");
        }
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1]; // p[j] = row (1-based) matched to column j
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = -1;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                assignment[p[j] - 1] = j - 1;
            }
        }
        return assignment;
    }

    /** Assignment maximising the total score of an n x m matrix (any n, m); returns {row, column} pairs. */
    public static int[][] maximise(double[][] score) {
        int n = score.length;
        int m = n == 0 ? 0 : score[0].length;
        boolean transpose = n > m;
        double[][] s = transpose ? Matrices.columns(score) : score;
        double[][] cost = new double[s.length][];
        for (int i = 0; i < s.length; i++) {
            cost[i] = Arrays.stream(s[i]).map(x -> -x).toArray();
        }
        int[] a = minimise(cost);
        int[][] pairs = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            pairs[i] = transpose ? new int[] {a[i], i} : new int[] {i, a[i]};
        }
        return pairs;
    }
}
