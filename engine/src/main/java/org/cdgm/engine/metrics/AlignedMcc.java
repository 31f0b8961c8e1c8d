package org.cdgm.engine.metrics;

/**
 * "Weak" MCC (Khemakhem et al. 2020): the learned block is first mapped to the true block by an affine map fitted
 * on 70% of the cells, then the MCC is taken on the other 30%. It measures identifiability up to an affine map,
 * which is what piecewise affine decoders guarantee; the plain ("strong") MCC also asks for the axes to line up.
 */
public final class AlignedMcc {
    private AlignedMcc() {
    }

    /** @throws org.cdgm.engine.data.InvalidInputException when a coordinate is NaN or infinite */
    public static double of(double[][] truth, double[][] learned, long seed) {
        FiniteInput.require(truth, "the reference coordinates");
        FiniteInput.require(learned, "the learned coordinates");
        int n = truth.length;
        HoldOutSplit split = HoldOutSplit.of(n, seed);
        int[] train = split.train();
        int[] test = split.test();
        Regressor.Fitted f = new RidgeRegression(1e-8).fit(Matrices.select(learned, train),
                Matrices.select(truth, train));
        return Mcc.of(Matrices.select(truth, test), f.predict(Matrices.select(learned, test)), Correlation.PEARSON)
                .mean();
    }
}
