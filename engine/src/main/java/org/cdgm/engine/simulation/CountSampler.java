package org.cdgm.engine.simulation;

import java.util.SplittableRandom;

import org.cdgm.engine.model.distributions.Gaussians;

/** Poisson and gamma draws from a {@link SplittableRandom} (the JDK has neither). */
final class CountSampler {
    private CountSampler() {
    }

    static long poisson(double mean, SplittableRandom rng) {
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

    static double logFactorial(long k) {
        if (k < 2) {
            return 0;
        }
        double x = k + 1.0;
        // Stirling series for lgamma(x), accurate to ~1e-10 for x >= 2
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1.0 / (12 * x) - 1.0 / (360 * x * x * x);
    }

    /** Gamma(shape, scale) by Marsaglia and Tsang (2000). */
    static double gamma(double shape, double scale, SplittableRandom rng) {
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
