package org.cdgm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LinearAssignmentTest {

    @Test
    void handExample() {
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        // optimum: row0->1 (1), row1->0 (2), row2->2 (2) = 5
        assertArrayEquals(new int[] {1, 0, 2}, LinearAssignment.minimise(cost));
    }

    @Test
    void matchesBruteForceOnRandomRectangularMatrices() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(5);
            int m = n + rng.nextInt(3);
            double[][] c = new double[n][m];
            for (double[] row : c) {
                for (int j = 0; j < m; j++) {
                    row[j] = rng.nextDouble();
                }
            }
            int[] a = LinearAssignment.minimise(c);
            assertEquals(bruteForce(c, 0, new boolean[m]), total(c, a), 1e-12);
            assertEquals(n, java.util.Arrays.stream(a).distinct().count(), "columns must be distinct");
        }
    }

    @Test
    void maximiseHandlesMoreRowsThanColumns() {
        double[][] score = {{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.4}};
        int[][] pairs = LinearAssignment.maximise(score);
        assertEquals(2, pairs.length);
        double sum = 0;
        for (int[] p : pairs) {
            sum += score[p[0]][p[1]];
        }
        assertEquals(1.7, sum, 1e-12);
    }

    private static double total(double[][] c, int[] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += c[i][a[i]];
        }
        return s;
    }

    private static double bruteForce(double[][] c, int row, boolean[] used) {
        if (row == c.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c[0].length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, c[row][j] + bruteForce(c, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
