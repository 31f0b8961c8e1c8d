package org.cdgm.cli;

import java.util.SplittableRandom;

/** Poisson draws for the tests' small count tables (Knuth's multiplication method; fine for means below ~30). */
public final class PoissonCounts {
    private PoissonCounts() {
    }

    public static int draw(SplittableRandom rng, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
