package org.cdgm.engine.training;

import org.cdgm.engine.model.HostBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Closed-form min-norm point of the segment between two gradients (MGDA for two objectives, Sener and Koltun
 * 2018): alpha = clip(((g_t - g_b) . g_t) / |g_b - g_t|^2, 0, 1) minimises |alpha g_b + (1 - alpha) g_t|. The
 * resulting direction decreases both objectives whenever that is possible (Pareto stationarity otherwise).
 */
public final class MinNormSolver {
    private static final int CHUNK = 8192;

    private MinNormSolver() {
    }

    /** From the two gradients (same length), with the three dot products taken in one pass. */
    public static double alpha(INDArray gBackground, INDArray gTarget) {
        long n = gBackground.length();
        double[] b = new double[CHUNK];
        double[] t = new double[CHUNK];
        HostBuffer bBuffer = HostBuffer.over(gBackground);
        HostBuffer tBuffer = HostBuffer.over(gTarget);
        double bb = 0;
        double tt = 0;
        double bt = 0;
        for (long from = 0; from < n; from += CHUNK) {
            int length = (int) Math.min(CHUNK, n - from);
            bBuffer.read(from, b, length);
            tBuffer.read(from, t, length);
            for (int i = 0; i < length; i++) {
                bb += b[i] * b[i];
                tt += t[i] * t[i];
                bt += b[i] * t[i];
            }
        }
        return alpha(bb, tt, bt);
    }

    /** From the dot products: |g_b|^2, |g_t|^2 and g_b . g_t. */
    public static double alpha(double bb, double tt, double bt) {
        double denominator = bb - 2 * bt + tt;
        if (!(denominator > 1e-20)) {
            return 0.5; // identical gradients: any convex combination is the same direction
        }
        double a = (tt - bt) / denominator;
        return Math.max(0.0, Math.min(1.0, a));
    }
}
