package org.cdgm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SalientEffectRecoveryTest {

    @Test
    void spearmanGivesTiesTheirAverageRank() {
        // ranks of a: 1, 2.5, 2.5, 4, 5; of b: 2, 1, 3, 5, 4; both centred at 3:
        // sum of products 2 + 1 + 0 + 2 + 2 = 7, sums of squares 9.5 and 10
        double r = SalientEffectRecovery.spearman(new double[] {1, 2, 2, 3, 4}, new double[] {20, 10, 30, 50, 40});
        assertEquals(7 / Math.sqrt(9.5 * 10), r, 1e-12);
    }

    @Test
    void spearmanOfAMonotoneMapIsOne() {
        double[] a = {0.3, -1, 2, 5, 4.5};
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Math.exp(3 * a[i]);
        }
        assertEquals(1.0, SalientEffectRecovery.spearman(a, b), 1e-12);
        assertEquals(-1.0, SalientEffectRecovery.spearman(a, new double[] {5, 6, 3, 1, 2}), 1e-12);
    }

    @Test
    void effectSizeIsTheMeanAbsoluteEffectPerGene() {
        double[][] effect = {{1, -2, 0}, {-3, 2, 0.5}};
        assertArrayEquals(new double[] {2, 2, 0.25}, SalientEffectRecovery.effectSize(effect), 1e-12);
    }

    @Test
    void largestLoadingIsTheLargestAbsoluteValueOverDimensions() {
        double[][] loadings = {{0.1, -0.7}, {0.4, 0.2}, {0, 0}};
        assertArrayEquals(new double[] {0.7, 0.4, 0},
                SalientEffectRecovery.largestAbsoluteLoading(loadings), 0);
    }

    @Test
    void topOverlapCountsSharedTopGenes() {
        double[] truth = {5, 4, 3, 2, 1, 0, 0, 0, 0, 0};
        // learned top 3: genes 0, 2, 3; true top 3: genes 0, 1, 2 -> 2 of 3 shared
        double[] learned = {0.9, 0.1, 0.8, 0.7, 0, 0, 0, 0, 0, 0};
        assertEquals(2.0 / 3, SalientEffectRecovery.topOverlap(truth, learned, 0.3), 1e-12);
        // 10% of 10 genes is 1 gene
        assertEquals(1.0, SalientEffectRecovery.topOverlap(truth, learned, 0.1), 0);
        assertEquals(1.0, SalientEffectRecovery.topOverlap(truth, truth, 0.3), 0);
        // a tie at the third place goes to the gene listed first (genes 0, 1, 2 of the four tied)
        assertEquals(1.0, SalientEffectRecovery.topOverlap(truth, new double[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 0}, 0.3),
                0);
    }

    @Test
    void topIsTenPercentRoundedUp() {
        double[] truth = new double[45];
        double[] learned = new double[45];
        for (int g = 0; g < 45; g++) {
            truth[g] = 45 - g;
            learned[g] = g < 4 ? 45 - g : 0; // the true top 4, then ties that go to genes 4, 5 ...
        }
        learned[4] = -1; // gene 4 is last in the learned order, so 4 of the true top 5 are found
        assertEquals(4.0 / 5, SalientEffectRecovery.topOverlap(truth, learned, 0.1), 1e-12);
    }

    @Test
    void cellPearsonFlattensCellsAndGenes() {
        double[][] truth = {{1, 2}, {3, 4}};
        assertEquals(1.0, SalientEffectRecovery.cellPearson(truth, new double[][] {{2, 4}, {6, 8}}), 1e-12);
        assertEquals(-1.0, SalientEffectRecovery.cellPearson(truth, new double[][] {{4, 3}, {2, 1}}), 1e-12);
        SplittableRandom random = new SplittableRandom(3);
        double[][] a = new double[20][7];
        double[][] b = new double[20][7];
        double[] flatA = new double[140];
        double[] flatB = new double[140];
        for (int i = 0; i < 20; i++) {
            for (int g = 0; g < 7; g++) {
                a[i][g] = random.nextDouble();
                b[i][g] = a[i][g] + random.nextDouble();
                flatA[7 * i + g] = a[i][g];
                flatB[7 * i + g] = b[i][g];
            }
        }
        assertEquals(directPearson(flatA, flatB), SalientEffectRecovery.cellPearson(a, b), 1e-12);
    }

    @Test
    void scoresOfThePerfectFitAreOne() {
        double[][] effect = {{0.1, -2, 0.5, 0}, {0.3, -1, -0.4, 0.05}, {-0.2, 1.5, 0.6, 0.01}};
        double[][] loadings = {{0.2, 0.1}, {-3, 1}, {0.1, 1.1}, {0.01, 0}};
        SalientEffectRecovery.Scores s = SalientEffectRecovery.score(effect, effect, loadings);
        assertEquals(1.0, s.spearman(), 1e-12);
        assertEquals(1.0, s.topPrecision(), 0);
        assertEquals(1.0, s.cellPearson(), 1e-12);
        assertEquals(1.0, s.loadingsSpearman(), 1e-12);
    }

    @Test
    void badShapesAreRefusedWithTheirSizes() {
        double[][] two = {{1, 2}, {3, 4}};
        IllegalArgumentException cells = assertThrows(IllegalArgumentException.class,
                () -> SalientEffectRecovery.score(two, new double[][] {{1, 2}}, new double[2][1]));
        assertTrue(cells.getMessage().contains("2 and 1 cells"), cells.getMessage());
        IllegalArgumentException loadings = assertThrows(IllegalArgumentException.class,
                () -> SalientEffectRecovery.score(two, two, new double[3][1]));
        assertTrue(loadings.getMessage().contains("Loadings have 3 genes but the effects have 2"),
                loadings.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> SalientEffectRecovery.spearman(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertTrue(nan.getMessage().contains("not finite"), nan.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> SalientEffectRecovery.topOverlap(new double[] {1, 2}, new double[] {1, 2}, 0));
        assertTrue(fraction.getMessage().contains("(0, 1]"), fraction.getMessage());
    }

    private static double directPearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
