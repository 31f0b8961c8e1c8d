package org.cdgm.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;

/**
 * Which genes a group of target cells (e.g. one knockout) expresses differently from its background-like self. The
 * salient effect of gene g on the group is the log2 fold change of the group's mean expression with and without
 * the salient codes, lfc_g = log2 mean_i f_g(z_i, t_i) - log2 mean_i f_g(z_i, 0) (pseudocount 0.1 CP10k; a
 * difference of means for the Gaussian likelihood): a model-based pseudo-bulk, paired cell by cell, so that the
 * shared (background) variation cancels and what is left is what the model attributes to the target condition.
 *
 * <p>Its uncertainty comes from {@code draws} repetitions, each drawing the codes of every cell from the encoders'
 * posteriors and resampling the group's cells with replacement (a bootstrap: a small group gets wide intervals).
 * The draws are summarised as scVI's "change" mode summarises its fold changes (Boyeau et al. 2019, "Deep
 * generative models for detecting differential expression in single cells", bioRxiv 794289; scvi-tools'
 * {@code differential_expression(mode="change")}):
 * <ul>
 *   <li>{@code probaDe} = P(|lfc| > delta), {@code probaUp} = P(lfc > delta), {@code probaDown} = P(lfc < -delta);</li>
 *   <li>{@code bayesFactor} = ln(probaDe / (1 - probaDe)), the log posterior odds of a change;</li>
 *   <li>{@code isDe}: the genes called differentially expressed at a posterior expected false discovery rate
 *       {@code fdr}: the largest set of genes, by decreasing probaDe, whose mean (1 - probaDe) is at most fdr
 *       (Boyeau et al. 2023, scvi-tools' {@code fdr_target}).</li>
 * </ul>
 * Unlike scVI's change mode, which compares randomly paired single cells of two groups, the fold change is the
 * group's; how many single cells follow it is reported apart ({@code cellsChanged}): in a CRISPR screen many cells
 * with a guide escape the knockout, and a gene can change clearly in the group while a third of its cells do not.
 */
public final class DifferentialExpression {
    private DifferentialExpression() {
    }

    /**
     * @param delta        the smallest change that counts, in log2 units for counts (0.25, scvi-tools' default, is a
     *                     19% change), in the data's units for the Gaussian likelihood; > 0
     * @param fdr          the posterior expected false discovery rate of the genes called, in (0, 1); 0.05 by default
     * @param draws        posterior draws (with a bootstrap of the cells each), 100 by default; >= 2
     * @param cellsPerDraw cells resampled per draw, at most the group's size; 200 by default (bounds the time)
     * @param seed         of the draws
     */
    public record Settings(double delta, double fdr, int draws, int cellsPerDraw, long seed) {
        /** Beyond this, draws (or cells per draw) only cost time: probabilities are already resolved to 1e-4. */
        public static final int MAX_DRAWS = 10_000;

        public Settings {
            if (!(delta > 0) || !Double.isFinite(delta)) {
                throw new InvalidInputException("The smallest change (delta) must be a finite number > 0, got "
                        + delta);
            }
            if (!(fdr > 0 && fdr < 1)) {
                throw new InvalidInputException("The false discovery rate must be between 0 and 1 (exclusive), got "
                        + fdr);
            }
            if (draws < 2 || draws > MAX_DRAWS) {
                throw new InvalidInputException("Posterior draws must be between 2 and " + MAX_DRAWS + ", got "
                        + draws);
            }
            if (cellsPerDraw < 1 || cellsPerDraw > MAX_DRAWS) {
                throw new InvalidInputException("Cells per draw must be between 1 and " + MAX_DRAWS + ", got "
                        + cellsPerDraw);
            }
        }

        public static Settings defaults() {
            return new Settings(0.25, 0.05, 100, 200, 0);
        }

        public Settings withSeed(long s) {
            return new Settings(delta, fdr, draws, cellsPerDraw, s);
        }
    }

    /**
     * One gene's salient effect in a group.
     *
     * @param gene                 the gene's name
     * @param lfcMean              the group's salient effect, mean over the draws (log2 fold change for counts)
     * @param lfcSd                its standard deviation over the draws
     * @param cellsChanged         the share of single cells (over cells and draws) whose own change exceeds delta
     *                             in the direction of lfcMean
     * @param expression           mean expression of the group, f(z, t) (CP10k for counts)
     * @param expressionBackground mean expression of the same cells decoded without their salient codes
     */
    public record GeneEffect(String gene, double lfcMean, double lfcSd, double probaUp, double probaDown,
                             double probaDe, double bayesFactor, boolean isDe, double cellsChanged, double expression,
                             double expressionBackground) {
    }

    /**
     * The salient effect of every gene in a group of cells, sorted by probaDe then |lfcMean|, descending.
     *
     * @param posterior  the encoders' posteriors of the cells the group is drawn from ({@link TrainedModel#posterior})
     * @param batchCodes per cell of {@code posterior} its batch level, null without a batch covariate
     * @param group      indices into {@code posterior} of the group's cells
     * @throws InvalidInputException when the group has fewer than 2 cells
     */
    public static List<GeneEffect> salientEffect(TrainedModel model, Posterior posterior, int[] batchCodes,
                                                 int[] group, Settings settings) {
        if (group.length < 2) {
            throw new InvalidInputException("The group has " + group.length + " cell" + (group.length == 1 ? "" : "s")
                    + "; differential expression needs at least 2 (resampling one cell shows no spread, so every "
                    + "change would look certain)");
        }
        Counterfactual cf = new Counterfactual(model, posterior, batchCodes);
        int genes = model.genes().size();
        int m = Math.min(group.length, settings.cellsPerDraw());
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[] sum = new double[genes];
        double[] sumSq = new double[genes];
        long[] up = new long[genes];
        long[] down = new long[genes];
        long[] cellsUp = new long[genes];
        long[] cellsDown = new long[genes];
        double[] full = new double[genes];
        double[] bg = new double[genes];
        int[] cells = new int[m];
        for (int d = 0; d < settings.draws(); d++) {
            for (int i = 0; i < m; i++) {
                cells[i] = group[random.nextInt(group.length)];
            }
            Counterfactual.Pair pair = cf.decode(cells, random);
            double[] meanFull = new double[genes];
            double[] meanBg = new double[genes];
            for (int i = 0; i < m; i++) {
                double[] f = pair.full()[i];
                double[] b = pair.backgroundOnly()[i];
                for (int g = 0; g < genes; g++) {
                    meanFull[g] += f[g] / m;
                    meanBg[g] += b[g] / m;
                    double own = cf.change(f[g], b[g]);
                    cellsUp[g] += own > settings.delta() ? 1 : 0;
                    cellsDown[g] += own < -settings.delta() ? 1 : 0;
                }
            }
            for (int g = 0; g < genes; g++) {
                double lfc = cf.change(meanFull[g], meanBg[g]);
                sum[g] += lfc;
                sumSq[g] += lfc * lfc;
                up[g] += lfc > settings.delta() ? 1 : 0;
                down[g] += lfc < -settings.delta() ? 1 : 0;
                full[g] += meanFull[g];
                bg[g] += meanBg[g];
            }
        }
        double n = settings.draws();
        double[] probaDe = new double[genes];
        for (int g = 0; g < genes; g++) {
            probaDe[g] = (up[g] + down[g]) / n;
        }
        boolean[] called = fdrCalls(probaDe, settings.fdr());
        List<GeneEffect> out = new ArrayList<>(genes);
        for (int g = 0; g < genes; g++) {
            double mean = sum[g] / n;
            double sd = Math.sqrt(Math.max(0, (sumSq[g] - n * mean * mean) / (n - 1)));
            double changed = (mean >= 0 ? cellsUp[g] : cellsDown[g]) / (n * m);
            out.add(new GeneEffect(model.genes().get(g), mean, sd, up[g] / n, down[g] / n, probaDe[g],
                    bayesFactor(probaDe[g], n), called[g], changed, full[g] / n, bg[g] / n));
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
