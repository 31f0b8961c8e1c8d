package org.cdgm.engine.metrics;

import org.cdgm.engine.data.InvalidInputException;

/** Scores learned latents against known ones (simulation) with every metric of {@link IdentifiabilityReport}. */
public final class IdentifiabilityScorer {
    /** The held-out scores (affine R^2, aligned MCC) fit on 70 % of the cells and test on 30 %: 10 is the least. */
    public static final int MIN_CELLS = 10;
    private final long seed;
    private final Regressor linear = new RidgeRegression(1e-6);
    private final Regressor kernel = new KernelRidge(0.05, 1000);

    /** @param seed seed of the held-out splits of the regression scores */
    public IdentifiabilityScorer(long seed) {
        this.seed = seed;
    }

    /**
     * @param trueSharedB    true z of background cells;  learnedSharedB learned z of the same cells
     * @param trueSharedT    true z of target cells;      learnedSharedT learned z of the same cells
     * @param trueSalientT   true t of target cells;      learnedSalientT learned t of the same cells
     * @param learnedSalientB learned t of background cells
     * @throws org.cdgm.engine.data.InvalidInputException naming the block when a coordinate is NaN or infinite
     */
    public IdentifiabilityReport score(double[][] trueSharedB, double[][] trueSharedT, double[][] trueSalientT,
                                       double[][] learnedSharedB, double[][] learnedSharedT,
                                       double[][] learnedSalientT, double[][] learnedSalientB) {
        if (learnedSalientT.length < MIN_CELLS || learnedSalientB.length == 0) {
            throw new InvalidInputException("Scoring needs at least " + MIN_CELLS + " target cells and one background "
                    + "cell, got " + learnedSalientT.length + " target and " + learnedSalientB.length + " background "
                    + "cells: check which value marks the target cells");
        }
        FiniteInput.require(learnedSharedB, "the learned shared coordinates of the background cells");
        FiniteInput.require(learnedSharedT, "the learned shared coordinates of the target cells");
        FiniteInput.require(learnedSalientT, "the learned salient coordinates of the target cells");
        FiniteInput.require(learnedSalientB, "the learned salient coordinates of the background cells");
        FiniteInput.require(trueSharedB, "the true shared latents of the background cells");
        FiniteInput.require(trueSharedT, "the true shared latents of the target cells");
        FiniteInput.require(trueSalientT, "the true salient latents of the target cells");
        if (totalVariance(trueSalientT) == 0) {
            throw new InvalidInputException("The true salient latents of the cells scored as target are constant (as "
                    + "for background cells, whose salient latents are 0), so no salient score can be computed: check "
                    + "which value marks the target cells");
        }
        double[][] trueShared = stack(trueSharedB, trueSharedT);
        double[][] learnedShared = stack(learnedSharedB, learnedSharedT);
        return new IdentifiabilityReport(
                Mcc.of(trueShared, learnedShared, Correlation.PEARSON).mean(),
                Mcc.of(trueShared, learnedShared, Correlation.SPEARMAN).mean(),
                AlignedMcc.of(trueShared, learnedShared, seed),
                Mcc.of(trueSalientT, learnedSalientT, Correlation.PEARSON).mean(),
                Mcc.of(trueSalientT, learnedSalientT, Correlation.SPEARMAN).mean(),
                AlignedMcc.of(trueSalientT, learnedSalientT, seed),
                BlockR2.of(learnedShared, trueShared, linear, seed),
                BlockR2.of(learnedShared, trueShared, kernel, seed),
                BlockR2.of(learnedSalientT, trueSalientT, linear, seed),
                BlockR2.of(learnedSalientT, trueSalientT, kernel, seed),
                BlockR2.of(learnedSharedT, trueSalientT, linear, seed),
                BlockR2.of(learnedSharedT, trueSalientT, kernel, seed),
                BlockR2.of(learnedSalientT, trueSharedT, linear, seed),
                BlockR2.of(learnedSalientT, trueSharedT, kernel, seed),
                totalVariance(learnedSalientB) / Math.max(totalVariance(learnedSalientT), 1e-300));
    }

    /** Rows of a followed by rows of b (e.g. background then target cells). */
    public static double[][] stack(double[][] a, double[][] b) {
        double[][] out = new double[a.length + b.length][];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static double totalVariance(double[][] x) {
        int n = x.length;
        double total = 0;
        for (int j = 0; j < x[0].length; j++) {
            double mean = 0;
            for (double[] r : x) {
                mean += r[j] / n;
            }
            for (double[] r : x) {
                total += (r[j] - mean) * (r[j] - mean) / n;
            }
        }
        return total;
    }
}
