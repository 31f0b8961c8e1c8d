package org.cdgm.engine.model;

/**
 * The encoders' Gaussian posteriors of cells, q(z|x) = N(sharedMean, diag(sharedVariance)) and q(t|x) =
 * N(salientMean, diag(salientVariance)); each array is cells x k (k_z or k_t).
 */
public record Posterior(double[][] sharedMean, double[][] sharedVariance, double[][] salientMean,
                        double[][] salientVariance) {

    public int cells() {
        return sharedMean.length;
    }

    /** The posteriors of the given cells (indices into this one), in that order; rows are shared, not copied. */
    public Posterior rows(int[] cells) {
        return new Posterior(pick(sharedMean, cells), pick(sharedVariance, cells), pick(salientMean, cells),
                pick(salientVariance, cells));
    }

    private static double[][] pick(double[][] rows, int[] cells) {
        double[][] out = new double[cells.length][];
        for (int i = 0; i < cells.length; i++) {
            out[i] = rows[cells[i]];
        }
        return out;
    }

    /** The posterior means: each cell's coordinates. */
    public Embedding means() {
        return new Embedding(sharedMean, salientMean);
    }

    /**
     * One draw per cell from the posterior, z = mean + sd * e with standard normal e from {@code random}, in
     * cell order, shared block first.
     */
    public Embedding sample(java.util.random.RandomGenerator random) {
        return new Embedding(draw(sharedMean, sharedVariance, random), draw(salientMean, salientVariance, random));
    }

    private static double[][] draw(double[][] mean, double[][] variance, java.util.random.RandomGenerator random) {
        double[][] out = new double[mean.length][];
        for (int i = 0; i < mean.length; i++) {
            out[i] = new double[mean[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = mean[i][j] + Math.sqrt(variance[i][j]) * random.nextGaussian();
            }
        }
        return out;
    }
}
