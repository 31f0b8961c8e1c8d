package org.cdgm.engine.analysis;

import java.util.random.RandomGenerator;

import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;

/**
 * What a cell's expression would be with and without its salient variation: the decoder's expected expression
 * f(z, t) at the cell's codes and f(z, 0) at the same shared code with the salient code set to zero, the way the
 * model decodes a background cell (Lopez et al., CLeaR 2024; contrastiveVI's "salient normalised expression",
 * Weinberger et al. 2023). Count likelihoods report expression in counts per 10,000 (CP10k) of the cell's library,
 * the Gaussian likelihood in the data's units.
 */
final class Counterfactual {
    /** Counts per 10,000: the unit of normalised expression for count likelihoods (scanpy's target_sum 1e4). */
    static final double CP10K = 1e4;
    /**
     * Added to both sides of a fold change, in CP10k: changes among genes expressed below about 0.1 counts per
     * 10,000 (a few counts in a million) are not told apart from noise.
     */
    static final double PSEUDOCOUNT = 0.1;

    private final TrainedModel model;
    private final Posterior posterior;
    private final int[] batchCodes;
    private final boolean counts;

    /**
     * @param posterior  the encoders' posteriors of the cells (all of them; subsets are chosen per call)
     * @param batchCodes per cell of {@code posterior} its batch level, or null when the model has no covariate
     */
    Counterfactual(TrainedModel model, Posterior posterior, int[] batchCodes) {
        this.model = model;
        this.posterior = posterior;
        this.batchCodes = batchCodes;
        this.counts = model.config().likelihood().isCount();
    }

    boolean counts() {
        return counts;
    }

    int cells() {
        return posterior.cells();
    }

    /** The change a fold change measures: log2 ratio (pseudocount added) for counts, difference for Gaussian. */
    double change(double full, double backgroundOnly) {
        return counts ? log2((full + PSEUDOCOUNT) / (backgroundOnly + PSEUDOCOUNT)) : full - backgroundOnly;
    }

    /** Expression of the given cells at codes drawn from their posteriors ({@code random} null: at the means). */
    Pair decode(int[] cells, RandomGenerator random) {
        Posterior q = posterior.rows(cells);
        Embedding codes = random == null ? q.means() : q.sample(random);
        return decode(codes.shared(), codes.salient(), cells);
    }

    /**
     * Expression at given codes of the given cells, each decoded in its own batch level, with and without the
     * salient codes.
     */
    Pair decode(double[][] shared, double[][] salient, int[] cells) {
        return new Pair(expression(shared, salient, cells), expression(shared, null, cells));
    }

    double[][] expression(double[][] shared, double[][] salient, int[] cells) {
        double[][] e = model.normalizedExpression(shared, salient, batchCodes == null ? null : pick(batchCodes, cells));
        if (counts) {
            for (double[] row : e) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= CP10K;
                }
            }
        }
        return e;
    }

    private static int[] pick(int[] codes, int[] cells) {
        int[] out = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = codes[cells[i]];
        }
        return out;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** cells x genes: full = f(z, t), backgroundOnly = f(z, 0). */
    record Pair(double[][] full, double[][] backgroundOnly) {
    }
}
