package org.cdgm.engine.model.distributions;

import java.util.SplittableRandom;

/**
 * Poisson and gamma draws from a {@link SplittableRandom} (the JDK has neither), and the expected shares of a count
 * cell's library: what the count likelihoods' samplers are made of.
 */
public final class CountSampler {
    private CountSampler() {
    }

    /**
     * exp(logits - max(logits)): a cell's expected shares of its library size up to their sum (the softmax before
     * normalising). Count samplers and the simulator's non-empty-cell rule take this very array, so they agree.
     *
     * @param logits the decoder output of one cell, per gene
     * @return per gene a value in (0, 1], 1 at the largest logit
     */
    public static double[] unnormalisedShares(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(logits[j] - max);
        }
        return p;
    }

    /**
     * Per gene the mean count l * softmax(logits), as Poisson and negative binomial observations define it.
     *
     * @param logits  the decoder output of one cell, per gene
     * @param library the cell's library size (expected total count), > 0
     * @return per gene the mean count
     */
    public static double[] means(double[] logits, double library) {
        double[] p = unnormalisedShares(logits);
        double norm = 0;
        for (double v : p) {
            norm += v;
        }
        for (int j = 0; j < p.length; j++) {
            p[j] = library * p[j] / norm;
        }
        return p;
    }

    /** A Poisson(mean) draw; 0 for a mean of at most 0. Inversion below a mean of 10, else PTRS. */
    public static long poisson(double mean, SplittableRandom rng) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 10) {
            // inversion by sequential search
            double p = Math.exp(-mean);
            double cdf = p;
            double u = rng.nextDouble();
            long k = 0;
            while (u > cdf && k < 1000) {
                k++;
                p *= mean / k;
                cdf += p;
            }
            return k;
        }
        return ptrs(mean, rng);
    }

    /** Hormann's transformed rejection with squeeze (PTRS), for means >= 10. */
    private static long ptrs(double lam, SplittableRandom rng) {
        double slam = Math.sqrt(lam);
        double loglam = Math.log(lam);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            double lhs = Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b);
            double rhs = -lam + k * loglam - logFactorial(k);
            if (lhs <= rhs) {
                return k;
            }
        }
    }

    private static double logFactorial(long k) {
        if (k < 2) {
            return 0;
        }
        double x = k + 1.0;
        // Stirling series for lgamma(x), accurate to ~1e-10 for x >= 2
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1.0 / (12 * x) - 1.0 / (360 * x * x * x);
    }

    /** Gamma(shape, scale) by Marsaglia and Tsang (2000): mean shape x scale, variance shape x scale^2. */
    public static double gamma(double shape, double scale, SplittableRandom rng) {
        if (shape < 1) {
            double u = rng.nextDouble();
            return gamma(1 + shape, scale, rng) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = Gaussians.next(rng);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v * scale;
            }
        }
    }
}
