package org.cdgm.engine.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adaptive gradient-norm clipping: a step whose gradient norm exceeds {@code factor} times the running geometric
 * mean of earlier (clipped) norms is scaled down to that bound. A fixed bound would need the loss's scale, which
 * varies by orders of magnitude with the number of genes and the likelihood; a relative one only stops the rare
 * spike (seen on real data: first-epoch loss 8.7e4 -> 8.5e9) from filling Adam's second moments with a value that
 * freezes learning for thousands of steps. In the spirit of AutoClip (Seetharaman et al. 2020, clipping at a
 * percentile of past norms), with an exponential average of log norms so nothing grows with the step count.
 */
final class GradientClipper {
    /** Weight of the newest norm in the running mean of log norms (about the last 20 steps). */
    private static final double RATE = 0.05;

    private final double factor;
    private double logMean = Double.NaN;
    private long clipped;

    /** @param factor the bound as a multiple of the running norm; 0 disables clipping */
    GradientClipper(double factor) {
        this.factor = factor;
    }

    /**
     * Scales {@code gradient} in place when its norm is too large.
     *
     * @param norm the gradient's Euclidean norm (finite, >= 0)
     * @return the norm after clipping
     */
    double clip(INDArray gradient, double norm) {
        if (factor == 0 || !(norm > 0)) {
            return norm;
        }
        double out = norm;
        if (!Double.isNaN(logMean)) {
            double bound = factor * Math.exp(logMean);
            if (norm > bound) {
                gradient.muli(bound / norm);
                out = bound;
                clipped++;
            }
        }
        logMean = Double.isNaN(logMean) ? Math.log(out) : (1 - RATE) * logMean + RATE * Math.log(out);
        return out;
    }

    /** How many steps were clipped. */
    long clippedSteps() {
        return clipped;
    }
}
