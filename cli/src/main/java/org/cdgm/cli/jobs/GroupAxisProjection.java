package org.cdgm.cli.jobs;

import java.util.List;
import java.util.function.Predicate;

/**
 * A two-dimensional view of an embedding for pictures: axis 1 joins the mean of a group to the mean of the other
 * cells (how far the group stands apart), axis 2 is the main direction of the remaining variation (power iteration
 * on the covariance after removing axis 1). The same construction on two spaces makes their pictures comparable.
 */
final class GroupAxisProjection {
    private GroupAxisProjection() {
    }

    static double[][] project(double[][] x, List<String> labels, Predicate<String> inGroup) {
        int d = x[0].length;
        double[] mIn = new double[d];
        double[] mOut = new double[d];
        double[] mAll = new double[d];
        int nIn = 0;
        for (int i = 0; i < x.length; i++) {
            boolean in = inGroup.test(labels.get(i));
            nIn += in ? 1 : 0;
            for (int j = 0; j < d; j++) {
                (in ? mIn : mOut)[j] += x[i][j];
                mAll[j] += x[i][j] / x.length;
            }
        }
        double[] a1 = new double[d];
        for (int j = 0; j < d; j++) {
            a1[j] = mIn[j] / Math.max(1, nIn) - mOut[j] / Math.max(1, x.length - nIn);
        }
        normalise(a1);
        double[] a2 = new double[d];
        a2[d > 1 ? 1 : 0] = 1;
        for (int it = 0; it < 50; it++) {
            double[] next = new double[d];
            for (double[] row : x) {
                double[] r = residual(row, mAll, a1);
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += r[j] * a2[j];
                }
                for (int j = 0; j < d; j++) {
                    next[j] += dot * r[j];
                }
            }
            a2 = residual(next, new double[d], a1);
            if (!normalise(a2)) {
                break;
            }
        }
        double[][] out = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                out[i][0] += (x[i][j] - mAll[j]) * a1[j];
                out[i][1] += (x[i][j] - mAll[j]) * a2[j];
            }
        }
        return out;
    }

    /** (v - centre) with its component along the unit vector a removed. */
    private static double[] residual(double[] v, double[] centre, double[] a) {
        double[] r = new double[v.length];
        double dot = 0;
        for (int j = 0; j < v.length; j++) {
            r[j] = v[j] - centre[j];
            dot += r[j] * a[j];
        }
        for (int j = 0; j < v.length; j++) {
            r[j] -= dot * a[j];
        }
        return r;
    }

    private static boolean normalise(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        if (n < 1e-300) {
            return false;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= n;
        }
        return true;
    }
}
