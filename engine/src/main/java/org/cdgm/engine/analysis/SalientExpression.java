package org.cdgm.engine.analysis;

import java.util.List;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;

/**
 * Normalised expression of cells as the model sees them (scVI's {@code get_normalized_expression}, contrastiveVI's
 * salient expression): per cell and gene the full reconstruction f(z, t) and the background-only one f(z, 0), at
 * the posterior means of the codes; counts per 10,000 (CP10k) for count likelihoods, the data's units for the
 * Gaussian likelihood. Their log2 ratio (counts) or difference (Gaussian) is the cell's salient effect.
 */
public final class SalientExpression {
    private SalientExpression() {
    }

    /**
     * @param genes          the genes reported, in column order
     * @param full           cells x genes: f(z, t)
     * @param backgroundOnly cells x genes: f(z, 0)
     * @param effect         cells x genes: log2 fold change full / background-only (pseudocount 0.1 CP10k) for
     *                       counts, difference for the Gaussian likelihood
     */
    public record Result(List<String> genes, double[][] full, double[][] backgroundOnly, double[][] effect) {
    }

    /**
     * @param posterior  the encoders' posteriors ({@link TrainedModel#posterior})
     * @param batchCodes per cell of {@code posterior} its batch level, null without a batch covariate
     * @param cells      indices into {@code posterior} of the cells to report (chunk large sets: memory is
     *                   3 x cells x genes doubles)
     * @param genes      indices of the genes to report, in the model's gene order
     * @throws InvalidInputException when a gene index is out of range
     */
    public static Result compute(TrainedModel model, Posterior posterior, int[] batchCodes, int[] cells,
                                 int[] genes) {
        int all = model.genes().size();
        for (int g : genes) {
            if (g < 0 || g >= all) {
                throw new InvalidInputException("Gene index " + g + " outside 0.." + (all - 1));
            }
        }
        Counterfactual cf = new Counterfactual(model, posterior, batchCodes);
        Counterfactual.Pair pair = cf.decode(cells, null);
        double[][] full = new double[cells.length][genes.length];
        double[][] bg = new double[cells.length][genes.length];
        double[][] effect = new double[cells.length][genes.length];
        for (int i = 0; i < cells.length; i++) {
            for (int j = 0; j < genes.length; j++) {
                full[i][j] = pair.full()[i][genes[j]];
                bg[i][j] = pair.backgroundOnly()[i][genes[j]];
                effect[i][j] = cf.change(full[i][j], bg[i][j]);
            }
        }
        return new Result(genes.length == all ? model.genes()
                : java.util.Arrays.stream(genes).mapToObj(model.genes()::get).toList(), full, bg, effect);
    }
}
