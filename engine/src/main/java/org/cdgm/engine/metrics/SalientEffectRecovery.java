package org.cdgm.engine.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * How well a fitted model's salient effects on genes match the simulator's true ones. The learned salient axes are
 * identifiable only up to an affine map (Lopez et al., CLeaR 2024), so every score compares quantities in gene space,
 * which do not depend on how the axes are rotated or scaled: the effect of a cell's salient code on a gene,
 * f(z, t) - f(z, 0), is the same whatever coordinates t is written in.
 *
 * <ul>
 * <li><b>per-gene effect size</b>: the mean over target cells of |effect| of the gene;</li>
 * <li><b>gene recovery</b>: the Spearman correlation between the true and the learned per-gene effect sizes, and the
 * share of the true top genes (the largest 10% of effect sizes) that are among the learned top genes;</li>
 * <li><b>cell-level effect recovery</b>: the Pearson correlation between true and learned effects over all target
 * cells and genes together;</li>
 * <li><b>loadings</b> (secondary): the Spearman correlation between the true per-gene effect size and the gene's
 * largest |loading| over the learned salient dimensions; this one does depend on the axes (a rotation mixes the
 * dimensions), which is why it is not the main score.</li>
 * </ul>
 * Correlations are Apache Commons Math's (Spearman with tied values given their average rank).
 */
public final class SalientEffectRecovery {
    /** The share of genes that counts as "top" for {@link #topOverlap}. */
    public static final double TOP_FRACTION = 0.1;

    private SalientEffectRecovery() {
    }

    /**
     * @param spearman         Spearman correlation of true and learned per-gene effect sizes (-1..1, 1 = same order)
     * @param topPrecision     share of the true top 10% genes among the learned top 10% (0..1)
     * @param cellPearson      Pearson correlation of true and learned effects over all cells and genes (-1..1)
     * @param loadingsSpearman Spearman correlation of the true per-gene effect size and the largest |loading|
     */
    public record Scores(double spearman, double topPrecision, double cellPearson, double loadingsSpearman) {
    }

    /**
     * All four scores of one fit.
     *
     * @param trueEffect    cells x genes, the true salient effect of each target cell on each gene
     * @param learnedEffect cells x genes, the model's salient effect of the same cells in the same order
     * @param loadings      genes x salient dimensions, the model's gene loadings (e.g. GeneLoadings' means)
     * @throws IllegalArgumentException when the shapes disagree, there are fewer than 2 cells or genes, or a value is
     *                                  not finite
     */
    public static Scores score(double[][] trueEffect, double[][] learnedEffect, double[][] loadings) {
        requireSameShape(trueEffect, learnedEffect);
        if (loadings.length != trueEffect[0].length) {
            throw new IllegalArgumentException("Loadings have " + loadings.length + " genes but the effects have "
                    + trueEffect[0].length);
        }
        double[] trueSize = effectSize(trueEffect);
        double[] learnedSize = effectSize(learnedEffect);
        return new Scores(spearman(trueSize, learnedSize), topOverlap(trueSize, learnedSize, TOP_FRACTION),
                cellPearson(trueEffect, learnedEffect), spearman(trueSize, largestAbsoluteLoading(loadings)));
    }

    /**
     * Per gene the mean over cells of |effect|.
     *
     * @param effect cells x genes (at least one cell)
     * @return one value per gene, in the effects' units
     */
    public static double[] effectSize(double[][] effect) {
        if (effect.length == 0) {
            throw new IllegalArgumentException("Effect sizes need at least one cell");
        }
        double[] size = new double[effect[0].length];
        for (double[] row : effect) {
            if (row.length != size.length) {
                throw new IllegalArgumentException("Cells have different numbers of genes: " + row.length + " vs "
                        + size.length);
            }
            for (int g = 0; g < size.length; g++) {
                size[g] += Math.abs(row[g]);
            }
        }
        for (int g = 0; g < size.length; g++) {
            size[g] /= effect.length;
        }
        return size;
    }

    /** Per gene (row) the largest |value| over the columns (salient dimensions). */
    public static double[] largestAbsoluteLoading(double[][] loadings) {
        double[] out = new double[loadings.length];
        for (int g = 0; g < loadings.length; g++) {
            for (double v : loadings[g]) {
                out[g] = Math.max(out[g], Math.abs(v));
            }
        }
        return out;
    }

    /**
     * Spearman's rank correlation (Commons Math; ties get their average rank).
     *
     * @return -1..1; NaN when either vector is constant
     * @throws IllegalArgumentException when the lengths differ, there are fewer than 2 values or one is not finite
     */
    public static double spearman(double[] a, double[] b) {
        requirePaired(a, b);
        return new SpearmansCorrelation().correlation(a, b);
    }

    /**
     * The share of the top {@code fraction} of genes by {@code truth} that are also in the top {@code fraction} by
     * {@code learned}: k = max(1, ceil(fraction x genes)) genes on each side; a tie at the k-th place goes to the
     * gene listed first.
     *
     * @return 0..1 (1 = the same top genes); a random ranking scores about {@code fraction} on average
     * @throws IllegalArgumentException when the lengths differ, there are fewer than 2 values, one is not finite, or
     *                                  the fraction is not in (0, 1]
     */
    public static double topOverlap(double[] truth, double[] learned, double fraction) {
        requirePaired(truth, learned);
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("The top fraction must be in (0, 1], got " + fraction);
        }
        int k = Math.max(1, (int) Math.ceil(fraction * truth.length - 1e-9));
        int[] topTrue = top(truth, k);
        int[] topLearned = top(learned, k);
        long shared = Arrays.stream(topTrue).filter(g -> Arrays.stream(topLearned).anyMatch(h -> h == g)).count();
        return (double) shared / k;
    }

    /**
     * The Pearson correlation over all cells and genes together (the matrices flattened).
     *
     * @return -1..1; NaN when either matrix is constant
     * @throws IllegalArgumentException when the shapes differ, there are fewer than 2 values or one is not finite
     */
    public static double cellPearson(double[][] truth, double[][] learned) {
        requireSameShape(truth, learned);
        double[] a = Arrays.stream(truth).flatMapToDouble(Arrays::stream).toArray();
        double[] b = Arrays.stream(learned).flatMapToDouble(Arrays::stream).toArray();
        requirePaired(a, b);
        return new PearsonsCorrelation().correlation(a, b);
    }

    private static int[] top(double[] v, int k) {
        return IntStream.range(0, v.length).boxed()
                .sorted(Comparator.comparingDouble((Integer g) -> -v[g]).thenComparingInt(g -> g))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static void requirePaired(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("The two vectors differ in length: " + a.length + " vs " + b.length);
        }
        if (a.length < 2) {
            throw new IllegalArgumentException("A correlation needs at least 2 values, got " + a.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException("Value " + i + " is not finite: " + a[i] + ", " + b[i]);
            }
        }
    }

    private static void requireSameShape(double[][] a, double[][] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("The effects have " + a.length + " and " + b.length
                    + " cells; they must have the same cells, at least one");
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                throw new IllegalArgumentException("Cell " + i + " has " + a[i].length + " true and " + b[i].length
                        + " learned genes");
            }
        }
    }
}
