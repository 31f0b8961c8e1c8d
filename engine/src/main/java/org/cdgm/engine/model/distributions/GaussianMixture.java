package org.cdgm.engine.model.distributions;

import java.util.SplittableRandom;

/**
 * A mixture of K diagonal Gaussians in d dimensions with its values on the host, for drawing latent codes: a fitted
 * {@link MixturePrior}'s ({@link MixturePrior#mixture}) or a simulation's truth.
 *
 * @param means   K x d component means
 * @param stds    K x d component standard deviations (> 0)
 * @param weights K component probabilities summing to 1, or null for equal weights (then a component is drawn with
 *                one {@code nextInt(K)}, else by inversion of one {@code nextDouble()})
 */
public record GaussianMixture(double[][] means, double[][] stds, double[] weights) {

    /** @throws IllegalArgumentException when the shapes do not agree */
    public GaussianMixture {
        if (means.length == 0 || stds.length != means.length || (weights != null && weights.length != means.length)) {
            throw new IllegalArgumentException("A mixture needs K >= 1 means, K standard deviations and K weights (or "
                    + "none); got " + means.length + ", " + stds.length + ", "
                    + (weights == null ? "none" : weights.length));
        }
    }

    /** Dimension d of a code. */
    public int dim() {
        return means[0].length;
    }

    /**
     * Draws one code: a component, then one standard normal per coordinate.
     *
     * @param out the code, d values, written
     * @return the component it came from, in [0, K)
     */
    public int draw(double[] out, SplittableRandom rng) {
        int k = weights == null ? rng.nextInt(means.length) : pick(weights, rng.nextDouble());
        for (int j = 0; j < out.length; j++) {
            out[j] = means[k][j] + stds[k][j] * Gaussians.next(rng);
        }
        return k;
    }

    private static int pick(double[] pi, double u) {
        double c = 0;
        for (int k = 0; k < pi.length; k++) {
            c += pi[k];
            if (u < c) {
                return k;
            }
        }
        return pi.length - 1;
    }
}
