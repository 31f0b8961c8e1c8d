package org.cdgm.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The decoding behind salient expression, differential expression and gene loadings, checked against the decoder
 * written out by hand ({@link DecodingFixtures#decodeByHand}).
 */
class SalientDecodingTest {

    @ParameterizedTest
    @CsvSource({"GAUSSIAN,0", "GAUSSIAN,1", "NEGATIVE_BINOMIAL,0", "NEGATIVE_BINOMIAL,1", "POISSON,2"})
    void normalizedExpressionIsTheDecoderWrittenOut(Likelihood likelihood, int decoderLayers) {
        TrainedModel m = DecodingFixtures.model(likelihood, decoderLayers, false, 7);
        Posterior q = DecodingFixtures.posterior(6, 0.1, 3);
        double[][] full = m.normalizedExpression(q.sharedMean(), q.salientMean());
        double[][] bg = m.normalizedExpression(q.sharedMean(), null);
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(DecodingFixtures.decodeByHand(m, q.sharedMean()[i], q.salientMean()[i]), full[i], 1e-12);
            assertArrayEquals(DecodingFixtures.decodeByHand(m, q.sharedMean()[i], null), bg[i], 1e-12);
            if (likelihood.isCount()) {
                assertEquals(1.0, java.util.Arrays.stream(full[i]).sum(), 1e-12, "shares of the library sum to 1");
            }
        }
    }

    @Test
    void salientExpressionIsCountsPer10kAndTheirLog2Ratio() {
        TrainedModel m = DecodingFixtures.model(Likelihood.NEGATIVE_BINOMIAL, 1, false, 11);
        Posterior q = DecodingFixtures.posterior(5, 0.1, 4);
        SalientExpression.Result r = SalientExpression.compute(m, q, null, new int[] {4, 1}, new int[] {2, 0});
        assertEquals(List.of("G3", "G1"), r.genes());
        double[] byHandFull = DecodingFixtures.decodeByHand(m, q.sharedMean()[4], q.salientMean()[4]);
        double[] byHandBg = DecodingFixtures.decodeByHand(m, q.sharedMean()[4], null);
        assertEquals(1e4 * byHandFull[2], r.full()[0][0], 1e-8);
        assertEquals(1e4 * byHandBg[0], r.backgroundOnly()[0][1], 1e-8);
        double lfc = Math.log((1e4 * byHandFull[2] + 0.1) / (1e4 * byHandBg[2] + 0.1)) / Math.log(2);
        assertEquals(lfc, r.effect()[0][0], 1e-10);
    }

    @Test
    void gaussianSalientEffectIsADifference() {
        TrainedModel m = DecodingFixtures.model(Likelihood.GAUSSIAN, 1, false, 12);
        Posterior q = DecodingFixtures.posterior(3, 0.1, 5);
        SalientExpression.Result r = SalientExpression.compute(m, q, null, new int[] {0, 1, 2}, new int[] {0, 1, 2, 3});
        for (int i = 0; i < 3; i++) {
            for (int g = 0; g < 4; g++) {
                assertEquals(r.full()[i][g] - r.backgroundOnly()[i][g], r.effect()[i][g], 1e-12);
            }
        }
        assertThrows(InvalidInputException.class, () -> SalientExpression.compute(m, q, null, new int[] {0},
                new int[] {4}));
    }

    @Test
    void noSalientWeightsMeansNoDifferentialExpression() {
        TrainedModel m = DecodingFixtures.model(Likelihood.NEGATIVE_BINOMIAL, 1, true, 13);
        Posterior q = DecodingFixtures.posterior(40, 0.2, 6);
        List<DifferentialExpression.GeneEffect> de = DifferentialExpression.salientEffect(m, q, null,
                java.util.stream.IntStream.range(0, 40).toArray(), DifferentialExpression.Settings.defaults());
        for (DifferentialExpression.GeneEffect e : de) {
            assertEquals(0, e.lfcMean(), 1e-12, e.gene());
            assertEquals(0, e.probaDe(), 0, e.gene());
            assertFalse(e.isDe(), e.gene());
            assertEquals(e.expression(), e.expressionBackground(), 1e-9);
        }
    }

    @Test
    void oneSharpCellTwiceGivesItsOwnFoldChangeWithCertainty() {
        TrainedModel m = DecodingFixtures.model(Likelihood.NEGATIVE_BINOMIAL, 0, false, 14);
        Posterior q = DecodingFixtures.posterior(30, 1e-24, 8);
        DifferentialExpression.Settings s = new DifferentialExpression.Settings(0.25, 0.05, 20, 200, 1);
        List<DifferentialExpression.GeneEffect> de = DifferentialExpression.salientEffect(m, q, null, new int[] {7, 7},
                s);
        for (DifferentialExpression.GeneEffect e : de) {
            int g = List.of("G1", "G2", "G3", "G4").indexOf(e.gene());
            double f = 1e4 * DecodingFixtures.decodeByHand(m, q.sharedMean()[7], q.salientMean()[7])[g];
            double b = 1e4 * DecodingFixtures.decodeByHand(m, q.sharedMean()[7], null)[g];
            double lfc = Math.log((f + 0.1) / (b + 0.1)) / Math.log(2);
            assertEquals(lfc, e.lfcMean(), 1e-9, e.gene());
            assertEquals(0, e.lfcSd(), 1e-6, e.gene());
            assertEquals(lfc > 0.25 ? 1 : 0, e.probaUp(), 0, e.gene());
            assertEquals(lfc < -0.25 ? 1 : 0, e.probaDown(), 0, e.gene());
            assertEquals(Math.abs(lfc) > 0.25 ? 1 : 0, e.cellsChanged(), 0, e.gene());
            assertEquals(f, e.expression(), 1e-8);
            assertEquals(b, e.expressionBackground(), 1e-8);
        }
    }

    @Test
    void theGroupEffectIsTheFoldChangeOfTheGroupMeanWithABootstrapSpread() {
        TrainedModel m = DecodingFixtures.model(Likelihood.NEGATIVE_BINOMIAL, 0, false, 14);
        Posterior q = DecodingFixtures.posterior(30, 1e-24, 8);
        int[] group = java.util.stream.IntStream.range(0, 30).toArray();
        List<DifferentialExpression.GeneEffect> de = DifferentialExpression.salientEffect(m, q, null, group,
                new DifferentialExpression.Settings(0.25, 0.05, 400, 200, 1));
        for (DifferentialExpression.GeneEffect e : de) {
            int g = List.of("G1", "G2", "G3", "G4").indexOf(e.gene());
            double meanF = 0;
            double meanB = 0;
            int changed = 0;
            for (int i = 0; i < 30; i++) {
                double f = 1e4 * DecodingFixtures.decodeByHand(m, q.sharedMean()[i], q.salientMean()[i])[g];
                double b = 1e4 * DecodingFixtures.decodeByHand(m, q.sharedMean()[i], null)[g];
                meanF += f / 30;
                meanB += b / 30;
                double own = Math.log((f + 0.1) / (b + 0.1)) / Math.log(2);
                changed += (e.lfcMean() >= 0 ? own > 0.25 : own < -0.25) ? 1 : 0;
            }
            double lfc = Math.log((meanF + 0.1) / (meanB + 0.1)) / Math.log(2);
            assertEquals(lfc, e.lfcMean(), 0.05 + 0.2 * e.lfcSd(), e.gene());
            assertTrue(e.lfcSd() > 0, "resampling 30 cells spreads the group's fold change: " + e);
            assertEquals(changed / 30.0, e.cellsChanged(), 0.03, e.gene());
            assertEquals(e.probaUp() + e.probaDown(), e.probaDe(), 1e-12);
        }
        for (int k = 1; k < de.size(); k++) {
            assertTrue(de.get(k - 1).probaDe() >= de.get(k).probaDe(), "sorted by probability");
        }
    }

    @Test
    void fdrCallsTakeTheLongestPrefixWithMeanErrorBelowTheTarget() {
        // sorted 0.99, 0.97, 0.9, 0.5, 0.1: running mean of 1 - p is 0.01, 0.02, 0.047, 0.16, 0.308
        boolean[] called = DifferentialExpression.fdrCalls(new double[] {0.99, 0.5, 0.97, 0.9, 0.1}, 0.05);
        assertArrayEquals(new boolean[] {true, false, true, true, false}, called);
        assertArrayEquals(new boolean[] {true, false, false, false, false},
                DifferentialExpression.fdrCalls(new double[] {0.99, 0.5, 0.97, 0.9, 0.1}, 0.015));
        assertEquals(Math.log(0.9 / 0.1), DifferentialExpression.bayesFactor(0.9, 100), 1e-12);
        assertTrue(Double.isFinite(DifferentialExpression.bayesFactor(1.0, 100)));
    }

    @Test
    void linearGaussianLoadingsAreTheSalientWeightsTimesTheSpread() {
        TrainedModel m = DecodingFixtures.model(Likelihood.GAUSSIAN, 0, false, 15);
        Posterior q = DecodingFixtures.posterior(50, 0.3, 9);
        GeneLoadings.Result r = GeneLoadings.compute(m, q, null, new GeneLoadings.Settings(3, 2000, 2));
        double[][] w = DecodingFixtures.weights(m, "decoder.0.W");
        for (int k = 0; k < DecodingFixtures.KT; k++) {
            double sd = sd(q.salientMean(), k);
            assertEquals(sd, r.dimensionSd()[k], 1e-12);
            for (int g = 0; g < DecodingFixtures.GENES; g++) {
                assertEquals(w[DecodingFixtures.KZ + k][g] * sd, r.mean()[g][k], 1e-7);
                assertEquals(0, r.sd()[g][k], 1e-6, "a linear decoder has one slope whatever the draw");
            }
        }
        GeneLoadings.Loading top = r.ranked(0).get(0);
        assertEquals(1, top.dimension());
        double max = 0;
        for (int g = 0; g < DecodingFixtures.GENES; g++) {
            max = Math.max(max, Math.abs(r.mean()[g][0]));
        }
        assertEquals(max, Math.abs(top.loading()), 0);
    }

    @Test
    void linearCountLoadingsAreTheSoftmaxSlopes() {
        TrainedModel m = DecodingFixtures.model(Likelihood.POISSON, 0, false, 16);
        Posterior q = DecodingFixtures.posterior(20, 1e-20, 10);
        GeneLoadings.Result r = GeneLoadings.compute(m, q, null, new GeneLoadings.Settings(1, 2000, 2));
        double[][] w = DecodingFixtures.weights(m, "decoder.0.W");
        for (int k = 0; k < DecodingFixtures.KT; k++) {
            double sd = sd(q.salientMean(), k);
            for (int g = 0; g < DecodingFixtures.GENES; g++) {
                // d log2 softmax_g / d t_k = (W_gk - sum_j p_j W_jk) / ln 2, averaged over the cells
                double slope = 0;
                for (int i = 0; i < 20; i++) {
                    double[] p = DecodingFixtures.decodeByHand(m, q.sharedMean()[i], q.salientMean()[i]);
                    double mix = 0;
                    for (int j = 0; j < DecodingFixtures.GENES; j++) {
                        mix += p[j] * w[DecodingFixtures.KZ + k][j];
                    }
                    slope += (w[DecodingFixtures.KZ + k][g] - mix) / Math.log(2) / 20;
                }
                assertEquals(slope * sd, r.mean()[g][k], 1e-5);
            }
        }
    }

    @Test
    void settingsAreValidatedWithTheirNames() {
        assertEquals("The smallest change (delta) must be a finite number > 0, got 0.0",
                assertThrows(InvalidInputException.class, () -> new DifferentialExpression.Settings(0, 0.05, 10, 10, 0))
                        .getMessage());
        assertEquals("The false discovery rate must be between 0 and 1 (exclusive), got 1.0",
                assertThrows(InvalidInputException.class, () -> new DifferentialExpression.Settings(0.25, 1, 10, 10, 0))
                        .getMessage());
        assertEquals("Posterior draws must be between 2 and 10000, got 1",
                assertThrows(InvalidInputException.class, () -> new DifferentialExpression.Settings(0.25, 0.05, 1, 10,
                        0)).getMessage());
        assertEquals("Cells per draw must be between 1 and 10000, got 0",
                assertThrows(InvalidInputException.class, () -> new DifferentialExpression.Settings(0.25, 0.05, 10, 0,
                        0)).getMessage());
        assertEquals("Posterior draws must be at least 1, got 0",
                assertThrows(InvalidInputException.class, () -> new GeneLoadings.Settings(0, 10, 0)).getMessage());
        assertEquals("The group has 1 cell; differential expression needs at least 2 (resampling one cell shows no "
                + "spread, so every change would look certain)", assertThrows(InvalidInputException.class,
                () -> DifferentialExpression.salientEffect(DecodingFixtures.model(Likelihood.GAUSSIAN, 0, false, 1),
                        DecodingFixtures.posterior(2, 0.1, 1), null, new int[] {1},
                        DifferentialExpression.Settings.defaults())).getMessage());
    }

    private static double sd(double[][] t, int k) {
        double m = 0;
        for (double[] row : t) {
            m += row[k] / t.length;
        }
        double v = 0;
        for (double[] row : t) {
            v += (row[k] - m) * (row[k] - m);
        }
        return Math.sqrt(v / (t.length - 1));
    }
}
