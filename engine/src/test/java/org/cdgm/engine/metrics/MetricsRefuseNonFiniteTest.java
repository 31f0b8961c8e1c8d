package org.cdgm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every metric refuses NaN or infinite coordinates with a message naming the embedding, cell and dimension. */
class MetricsRefuseNonFiniteTest {
    private static final int N = 40;

    private static double[][] random(long seed, int dims) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[N][dims];
        for (double[] row : x) {
            for (int j = 0; j < dims; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return x;
    }

    /** A copy with one bad value at cell 5 (index 4), dimension 2 (index 1). */
    private static double[][] broken(double[][] x, double bad) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
        }
        y[4][1] = bad;
        return y;
    }

    private static void refused(String embedding, double bad, Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertEquals("Cannot score " + embedding + ": cell 5, dimension 2 is " + bad + ". Coordinates must be finite "
                + "numbers; a NaN usually means the fit diverged (train again with a lower learning rate) or a value "
                + "is missing.", e.getMessage());
    }

    @Test
    void eachMetricNamesTheEmbedding() {
        double[][] a = random(1, 3);
        double[][] b = random(2, 3);
        double[][] nan = broken(b, Double.NaN);
        double[][] inf = broken(b, Double.POSITIVE_INFINITY);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            labels.add(i % 2 == 0 ? "x" : "y");
        }
        refused("the learned coordinates", Double.NaN, () -> Mcc.of(a, nan, Correlation.PEARSON));
        refused("the reference coordinates", Double.POSITIVE_INFINITY, () -> Mcc.of(inf, a, Correlation.SPEARMAN));
        refused("the learned coordinates", Double.NaN, () -> AlignedMcc.of(a, nan, 1));
        refused("the predicting coordinates", Double.NaN, () -> BlockR2.of(nan, a, new RidgeRegression(1e-6), 1));
        refused("the predicted coordinates", Double.NaN, () -> BlockR2.of(a, nan, new KernelRidge(0.05, 100), 1));
        refused("the embedding", Double.NaN, () -> KnnAccuracy.of(nan, labels, 5, 1));
        refused("the embedding", Double.POSITIVE_INFINITY, () -> Silhouette.of(inf, labels, N, 1));
        refused("the first embedding", Double.NaN, () -> Svcca.of(nan, a));
        refused("the second embedding", Double.POSITIVE_INFINITY, () -> Svcca.of(a, inf));
        refused("the coordinates", Double.NaN, () -> EffectiveDimension.of(nan));
        refused("the second fit's salient coordinates", Double.NaN, () -> SeedStability.of(a, b, a, nan, 1));
        refused("the first fit's shared coordinates", Double.NaN, () -> SeedStability.of(nan, b, a, b, 1));
        IdentifiabilityScorer scorer = new IdentifiabilityScorer(1);
        refused("the learned salient coordinates of the target cells", Double.NaN,
                () -> scorer.score(a, a, a, b, b, nan, b));
        refused("the true shared latents of the background cells", Double.NaN,
                () -> scorer.score(nan, a, a, b, b, b, b));
    }

    @Test
    void tooFewTargetCellsAreRefusedWithTheCounts() {
        double[][] a = random(1, 3);
        double[][] none = new double[0][3];
        assertEquals("Scoring needs at least 10 target cells and one background cell, got 0 target and 40 background "
                + "cells: check which value marks the target cells", assertThrows(InvalidInputException.class,
                () -> new IdentifiabilityScorer(1).score(a, none, none, a, none, none, a)).getMessage());
        double[][] zeros = new double[N][2];
        assertTrue(assertThrows(InvalidInputException.class, () -> new IdentifiabilityScorer(1).score(a, a, zeros, a, a,
                random(3, 2), a)).getMessage().startsWith("The true salient latents of the cells scored as target are "
                + "constant"));
        assertEquals("Seed stability needs at least 10 target cells, got 0: check which value marks the target cells",
                assertThrows(InvalidInputException.class, () -> SeedStability.of(a, a, none, none, 1)).getMessage());
    }

    @Test
    void finiteInputStillScores() {
        double[][] a = random(1, 3);
        assertEquals(1.0, Mcc.of(a, a, Correlation.PEARSON).mean(), 1e-12);
        assertEquals(1.0, SeedStability.of(a, a, a, a, 1).sharedMcc(), 1e-12);
    }
}
