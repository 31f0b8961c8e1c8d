package org.cdgm.engine.metrics;

/**
 * Mean correlation coefficient between true and learned latent dimensions: |correlations| matched one to one by
 * the Hungarian algorithm, averaged over the smaller side (the true dimensions when the model has more). 1 means
 * every true dimension is recovered up to permutation, sign and (Spearman: any monotone) rescaling.
 */
public final class Mcc {
    private Mcc() {
    }

    /** Matched correlations and the assignment (true dimension -> learned dimension). */
    public record Result(double mean, double[] matched, int[][] pairs) {
    }

    /**
     * @param truth   cells x true (or reference) dimensions
     * @param learned the same cells x learned dimensions
     * @throws IllegalArgumentException when the cell counts differ ({@link org.cdgm.engine.data.InvalidInputException}
     *                                  when a coordinate is NaN or infinite)
     */
    public static Result of(double[][] truth, double[][] learned, Correlation kind) {
        if (truth.length != learned.length) {
            throw new IllegalArgumentException("MCC needs the same cells: " + truth.length + " vs " + learned.length);
        }
        FiniteInput.require(truth, "the reference coordinates");
        FiniteInput.require(learned, "the learned coordinates");
        double[][] corr = kind.absoluteMatrix(truth, learned);
        int[][] pairs = LinearAssignment.maximise(corr);
        double[] matched = new double[pairs.length];
        double sum = 0;
        for (int k = 0; k < pairs.length; k++) {
            matched[k] = corr[pairs[k][0]][pairs[k][1]];
            sum += matched[k];
        }
        return new Result(pairs.length == 0 ? Double.NaN : sum / pairs.length, matched, pairs);
    }
}
