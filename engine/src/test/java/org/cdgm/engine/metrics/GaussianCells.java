package org.cdgm.engine.metrics;

import java.util.SplittableRandom;

/** Test data for the metrics: cells x dimensions of independent standard normal coordinates. */
final class GaussianCells {
    private GaussianCells() {
    }

    static double[][] draw(SplittableRandom rng, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                r[j] = rng.nextGaussian();
            }
        }
        return x;
    }
}
