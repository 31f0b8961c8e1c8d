package org.cdgm.engine.training;

import org.cdgm.engine.numeric.VectorBlas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Closed-form min-norm point of the segment between two gradients (MGDA for two objectives, Sener and Koltun
 * 2018): alpha = clip(((g_t - g_b) . g_t) / |g_b - g_t|^2, 0, 1) minimises |alpha g_b + (1 - alpha) g_t|. The
 * resulting direction decreases both objectives whenever that is possible (Pareto stationarity otherwise).
 */
public final class MinNormSolver {
    private MinNormSolver() {
    }

    /** From the two gradients (dense, same length). */
    public static double alpha(INDArray gBackground, INDArray gTarget) {
        return alpha(VectorBlas.dot(gBackground, gBackground), VectorBlas.dot(gTarget, gTarget),
                VectorBlas.dot(gBackground, gTarget));
    }

    /**
     * Below this fraction of |g_b|^2 + |g_t|^2, |g_b - g_t|^2 is rounding (float32 gradients agree to about 1e-7
     * per entry, 1e-14 squared) and the gradients count as identical. Relative, so that alpha does not depend on
     * the gradients' scale: tiny gradients (1e-11) were all "identical" under an absolute cut-off.
     */
    static final double IDENTICAL = 1e-12;

    /** From the dot products: |g_b|^2, |g_t|^2 and g_b . g_t. */
    public static double alpha(double bb, double tt, double bt) {
        double denominator = bb - 2 * bt + tt;
        if (!(denominator > IDENTICAL * (bb + tt))) {
            return 0.5; // identical (or zero) gradients: any convex combination is the same direction
        }
        double a = (tt - bt) / denominator;
        return Math.max(0.0, Math.min(1.0, a));
    }
}
