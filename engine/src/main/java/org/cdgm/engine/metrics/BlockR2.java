package org.cdgm.engine.metrics;

/**
 * Held-out R^2 of predicting one block (e.g. the true salient latents) from another (e.g. the learned shared
 * latents): fit on a seeded 70% of the cells, score on the other 30%, averaged over the predicted dimensions.
 * Near 1: the second block holds the first's information; near 0: it holds none.
 */
public final class BlockR2 {
    private BlockR2() {
    }

    public static double of(double[][] predictors, double[][] targets, Regressor regressor, long seed) {
        int n = predictors.length;
        if (n != targets.length) {
            throw new IllegalArgumentException("Blocks differ in cells: " + n + " vs " + targets.length);
        }
        if (n < 10) {
            throw new IllegalArgumentException("Block R^2 needs at least 10 cells, got " + n);
        }
        FiniteInput.require(predictors, "the predicting coordinates");
        FiniteInput.require(targets, "the predicted coordinates");
        HoldOutSplit split = HoldOutSplit.of(n, seed);
        int[] train = split.train();
        int[] test = split.test();
        Regressor.Fitted f = regressor.fit(Matrices.select(predictors, train), Matrices.select(targets, train));
        double[][] yTest = Matrices.select(targets, test);
        return r2(yTest, f.predict(Matrices.select(predictors, test)));
    }

    /** Mean over columns of 1 - SSE / SST (can be negative for a predictor worse than the mean). */
    static double r2(double[][] y, double[][] yHat) {
        int q = y[0].length;
        double total = 0;
        for (int c = 0; c < q; c++) {
            double mean = 0;
            for (double[] r : y) {
                mean += r[c] / y.length;
            }
            double sse = 0;
            double sst = 0;
            for (int i = 0; i < y.length; i++) {
                sse += (y[i][c] - yHat[i][c]) * (y[i][c] - yHat[i][c]);
                sst += (y[i][c] - mean) * (y[i][c] - mean);
            }
            total += sst == 0 ? 0 : 1 - sse / sst;
        }
        return total / q;
    }
}
