package org.cdgm.engine.model.distributions;

import java.util.SplittableRandom;

/** Standard normal draws from a {@link SplittableRandom}, so every random number in a fit derives from its seed. */
public final class Gaussians {
    private Gaussians() {
    }

    /** Box-Muller; one of the pair is discarded, which keeps the generator free of hidden state. */
    public static double next(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        while (u1 <= Double.MIN_NORMAL) {
            u1 = rng.nextDouble();
        }
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    public static double[][] matrix(SplittableRandom rng, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = next(rng);
            }
        }
        return m;
    }
}
