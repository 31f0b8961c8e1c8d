package org.cdgm.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;

/**
 * Which genes a group of target cells (e.g. one knockout) expresses differently from its background-like self:
 * per gene, the distribution of the salient effect lfc = log2 f(z, t) - log2 f(z, 0) (a difference for the
 * Gaussian likelihood) over the group's cells and posterior draws of (z, t), summarised as scVI's "change" mode
 * summarises its fold changes (Boyeau et al. 2019, "Deep generative models for detecting differential expression in
 * single cells", bioRxiv 794289; scvi-tools' {@code differential_expression(mode="change")}):
 * <ul>
 *   <li>{@code probaDe} = P(|lfc| > delta), {@code probaUp} = P(lfc > delta), {@code probaDown} = P(lfc < -delta);</li>
 *   <li>{@code bayesFactor} = ln(probaDe / (1 - probaDe)), the log posterior odds of a change;</li>
 *   <li>{@code isDe}: the genes called differentially expressed at a posterior expected false discovery rate
 *       {@code fdr}: the largest set of genes, by decreasing probaDe, whose mean (1 - probaDe) is at most fdr
 *       (Boyeau et al. 2023, scvi-tools' {@code fdr_target}).</li>
 * </ul>
 * Unlike scVI, which compares two groups of cells, the comparison is paired: each cell against the same cell
 * decoded without its salient code, so the shared (background) variation cancels and what is left is what the
 * model attributes to the target condition.
 */
public final class DifferentialExpression {
    private DifferentialExpression() {
    }

    /**
     * @param delta   the smallest change that counts, in log2 units for counts (0.25, scvi-tools' default, is a
     *                19% change), in the data's units for the Gaussian likelihood; > 0
     * @param fdr     the posterior expected false discovery rate of the genes called, in (0, 1); 0.05 by default
     * @param samples posterior samples per group at least (each cell of the group is drawn the same number of
     *                times, at least once); 5,000 by default as scvi-tools' {@code n_samples}
     * @param seed    of the draws
     */
    public record Settings(double delta, double fdr, int samples, long seed) {
        public Settings {
            if (!(delta > 0) || !Double.isFinite(delta)) {
                throw new InvalidInputException("The smallest change (delta) must be a finite number > 0, got "
                        + delta);
            }
            if (!(fdr > 0 && fdr < 1)) {
                throw new InvalidInputException("The false discovery rate must be between 0 and 1 (exclusive), got "
                        + fdr);
            }
            if (samples < 1) {
                throw new InvalidInputException("Posterior samples must be at least 1, got " + samples);
            }
        }

        public static Settings defaults() {
            return new Settings(0.25, 0.05, 5000, 0);
        }
    }

    /**
     * One gene's salient effect in a group.
     *
     * @param gene                 the gene's name
     * @param lfcMean              mean salient effect over cells and draws (log2 fold change for counts)
     * @param lfcSd                its standard deviation over cells and draws
     * @param expression           mean expression of the group, f(z, t) (CP10k for counts)
     * @param expressionBackground mean expression of the same cells decoded without their salient codes
     */
    public record GeneEffect(String gene, double lfcMean, double lfcSd, double probaUp, double probaDown,
                             double probaDe, double bayesFactor, boolean isDe, double expression,
                             double expressionBackground) {
    }

    /**
     * The salient effect of every gene in a group of cells, sorted by probaDe then |lfcMean|, descending.
     *
     * @param posterior  the encoders' posteriors of the cells the group is drawn from ({@link TrainedModel#posterior})
     * @param batchCodes per cell of {@code posterior} its batch level, null without a batch covariate
     * @param group      indices into {@code posterior} of the group's cells
     * @throws InvalidInputException when the group is empty
     */
    public static List<GeneEffect> salientEffect(TrainedModel model, Posterior posterior, int[] batchCodes,
                                                 int[] group, Settings settings) {
        if (group.length == 0) {
            throw new InvalidInputException("The group has no cells");
        }
        Counterfactual cf = new Counterfactual(model, posterior, batchCodes);
        int genes = model.genes().size();
        int rounds = Math.max(1, (settings.samples() + group.length - 1) / group.length);
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[] sum = new double[genes];
        double[] sumSq = new double[genes];
        long[] up = new long[genes];
        long[] down = new long[genes];
        double[] full = new double[genes];
        double[] bg = new double[genes];
        for (int r = 0; r < rounds; r++) {
            Counterfactual.Pair pair = cf.decode(group, random);
            for (int i = 0; i < group.length; i++) {
                double[] f = pair.full()[i];
                double[] b = pair.backgroundOnly()[i];
                for (int g = 0; g < genes; g++) {
                    double lfc = cf.change(f[g], b[g]);
                    sum[g] += lfc;
                    sumSq[g] += lfc * lfc;
                    up[g] += lfc > settings.delta() ? 1 : 0;
                    down[g] += lfc < -settings.delta() ? 1 : 0;
                    full[g] += f[g];
                    bg[g] += b[g];
                }
            }
        }
        double n = (double) rounds * group.length;
        List<GeneEffect> out = new ArrayList<>(genes);
        double[] probaDe = new double[genes];
        for (int g = 0; g < genes; g++) {
            probaDe[g] = (up[g] + down[g]) / n;
        }
        boolean[] called = fdrCalls(probaDe, settings.fdr());
        for (int g = 0; g < genes; g++) {
            double mean = sum[g] / n;
            double var = Math.max(0, sumSq[g] / n - mean * mean);
            out.add(new GeneEffect(model.genes().get(g), mean, Math.sqrt(var), up[g] / n, down[g] / n, probaDe[g],
                    bayesFactor(probaDe[g], n), called[g], full[g] / n, bg[g] / n));
        }
        out.sort(Comparator.comparingDouble(GeneEffect::probaDe).reversed()
                .thenComparing(Comparator.comparingDouble((GeneEffect e) -> Math.abs(e.lfcMean())).reversed()));
        return out;
    }

    /** ln(p / (1 - p)), with p kept within half a sample of 0 and 1 so that it stays finite. */
    static double bayesFactor(double p, double samples) {
        double eps = 0.5 / samples;
        double q = Math.min(1 - eps, Math.max(eps, p));
        return Math.log(q / (1 - q));
    }

    /**
     * The genes called at posterior expected FDR {@code fdr}: by decreasing probability, the longest prefix whose
     * mean (1 - probability) is at most fdr (Boyeau et al. 2023; scvi-tools' {@code _fdr_de_prediction}).
     */
    static boolean[] fdrCalls(double[] proba, double fdr) {
        Integer[] order = new Integer[proba.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(proba[b], proba[a]));
        boolean[] called = new boolean[proba.length];
        double cumulative = 0;
        int keep = 0;
        for (int k = 0; k < order.length; k++) {
            cumulative += 1 - proba[order[k]];
            if (cumulative / (k + 1) <= fdr) {
                keep = k + 1;
            }
        }
        for (int k = 0; k < keep; k++) {
            called[order[k]] = true;
        }
        return called;
    }
}
