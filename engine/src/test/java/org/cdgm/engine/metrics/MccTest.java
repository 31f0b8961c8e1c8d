package org.cdgm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MccTest {
    private final SplittableRandom rng = new SplittableRandom(5);

    private double[][] gaussian(int n, int d) {
        return GaussianCells.draw(rng, n, d);
    }

    @Test
    void permutationSignFlipAndScalingGiveOne() {
        double[][] truth = gaussian(500, 3);
        double[][] learned = new double[500][3];
        for (int i = 0; i < 500; i++) {
            learned[i][0] = -2.0 * truth[i][2] + 1;
            learned[i][1] = 0.5 * truth[i][0];
            learned[i][2] = -truth[i][1] - 3;
        }
        Mcc.Result r = Mcc.of(truth, learned, Correlation.PEARSON);
        assertEquals(1.0, r.mean(), 1e-12);
        assertArrayEquals(new int[] {0, 1}, r.pairs()[0]);
        assertArrayEquals(new int[] {1, 2}, r.pairs()[1]);
        assertArrayEquals(new int[] {2, 0}, r.pairs()[2]);
    }

    @Test
    void spearmanIsInvariantToMonotoneMapsAndPearsonIsNot() {
        double[][] truth = gaussian(400, 2);
        double[][] learned = new double[400][2];
        for (int i = 0; i < 400; i++) {
            learned[i][0] = Math.exp(3 * truth[i][1]);
            learned[i][1] = Math.pow(truth[i][0], 3);
        }
        assertEquals(1.0, Mcc.of(truth, learned, Correlation.SPEARMAN).mean(), 1e-12);
        assertTrue(Mcc.of(truth, learned, Correlation.PEARSON).mean() < 0.95);
    }

    @Test
    void independentLatentsScoreNearZeroAndExtraLearnedDimensionsAreIgnored() {
        double[][] truth = gaussian(2000, 2);
        assertTrue(Mcc.of(truth, gaussian(2000, 2), Correlation.PEARSON).mean() < 0.08);
        double[][] wider = new double[2000][4];
        double[][] noise = gaussian(2000, 2);
        for (int i = 0; i < 2000; i++) {
            wider[i] = new double[] {noise[i][0], truth[i][1], noise[i][1], truth[i][0]};
        }
        assertEquals(1.0, Mcc.of(truth, wider, Correlation.PEARSON).mean(), 1e-12);
    }

    @Test
    void spearmanRanksAverageTies() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Correlation.ranks(new double[] {1, 5, 5, 9}), 0);
        assertEquals(1.0, Correlation.SPEARMAN.of(new double[] {1, 2, 2, 3}, new double[] {10, 20, 20, 30}), 1e-12);
    }

    @Test
    void alignedMccUndoesAnAffineMixing() {
        double[][] truth = gaussian(1000, 2);
        double[][] mixed = new double[1000][2];
        for (int i = 0; i < 1000; i++) {
            mixed[i][0] = truth[i][0] + truth[i][1] + 4;
            mixed[i][1] = truth[i][0] - 2 * truth[i][1];
        }
        assertTrue(Mcc.of(truth, mixed, Correlation.PEARSON).mean() < 0.9);
        assertEquals(1.0, AlignedMcc.of(truth, mixed, 1), 1e-9);
    }

    @Test
    void blockR2SeparatesLinearNonlinearAndUnrelatedBlocks() {
        double[][] x = gaussian(1500, 2);
        double[][] linear = new double[1500][1];
        double[][] nonlinear = new double[1500][1];
        for (int i = 0; i < 1500; i++) {
            linear[i][0] = 2 * x[i][0] - x[i][1];
            nonlinear[i][0] = Math.sin(2 * x[i][0]) + x[i][1] * x[i][1];
        }
        Regressor lin = new RidgeRegression(1e-8);
        Regressor ker = new KernelRidge(0.01, 800);
        assertEquals(1.0, BlockR2.of(x, linear, lin, 1), 1e-6);
        assertTrue(BlockR2.of(x, nonlinear, lin, 1) < 0.3);
        assertTrue(BlockR2.of(x, nonlinear, ker, 1) > 0.9);
        assertTrue(Math.abs(BlockR2.of(gaussian(1500, 2), linear, lin, 1)) < 0.05);
    }
}
