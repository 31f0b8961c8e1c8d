package org.cdgm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.model.LikelihoodChoice.Decision;
import org.cdgm.engine.model.LikelihoodChoice.GeneColumn;
import org.junit.jupiter.api.Test;

class LikelihoodChoiceTest {

    private static ContrastiveDataset data(float[] background, float[] target) {
        return new ContrastiveDataset(List.of("CD3E", "MS4A1"),
                CellSet.withDefaultIds(Condition.BACKGROUND, new DenseCellMatrix(background.length / 2, 2, background)),
                CellSet.withDefaultIds(Condition.TARGET, new DenseCellMatrix(target.length / 2, 2, target)));
    }

    @Test
    void autoTakesNegativeBinomialForCounts() {
        Decision d = LikelihoodChoice.AUTO.resolve(data(new float[] {0, 3, 1, 0}, new float[] {7, 2}));
        assertEquals(Likelihood.NEGATIVE_BINOMIAL, d.likelihood());
        assertEquals("Likelihood AUTO chose negative binomial: every value of 3 cells x 2 genes is a non-negative "
                + "whole number (raw counts)", d.reason());
    }

    @Test
    void autoTakesGaussianAtTheFirstFractionalValueAndNamesIt() {
        Decision d = LikelihoodChoice.AUTO.resolve(data(new float[] {0, 3, 1, 0}, new float[] {7, 2.5f}));
        assertEquals(Likelihood.GAUSSIAN, d.likelihood());
        assertEquals("Likelihood AUTO chose Gaussian: Target cell 'target_1' (the 1st target cell), gene 'MS4A1' has the "
                + "fractional value 2.5, so the data are not raw counts", d.reason());
    }

    @Test
    void autoTakesGaussianForNegativeAndMissingValues() {
        Decision neg = LikelihoodChoice.AUTO.resolve(data(new float[] {0, 3, -1, 0}, new float[] {7, 2}));
        assertEquals(Likelihood.GAUSSIAN, neg.likelihood());
        assertTrue(neg.reason().contains("Background cell 'background_2' (the 2nd background cell), gene 'CD3E' has the negative "
                + "value -1.0"), neg.reason());
        Decision nan = LikelihoodChoice.AUTO.resolve(data(new float[] {Float.NaN, 3}, new float[] {7, 2}));
        assertEquals(Likelihood.GAUSSIAN, nan.likelihood());
        assertTrue(nan.reason().contains("has a missing value (NaN)"), nan.reason());
    }

    @Test
    void aFixedChoiceIgnoresTheData() {
        Decision d = LikelihoodChoice.NEGATIVE_BINOMIAL.resolve(data(new float[] {0.5f, 3}, new float[] {7, 2}));
        assertEquals(Likelihood.NEGATIVE_BINOMIAL, d.likelihood());
        assertEquals("Likelihood negative binomial as set", d.reason());
        assertEquals(Optional.of(Likelihood.POISSON), LikelihoodChoice.POISSON.fixed());
        assertEquals(Optional.empty(), LikelihoodChoice.AUTO.fixed());
        for (Likelihood l : Likelihood.values()) {
            assertEquals(Optional.of(l), LikelihoodChoice.of(l).fixed());
        }
    }

    @Test
    void beforeDataANegativeLowerBoundMeansGaussian() {
        Optional<Decision> d = LikelihoodChoice.AUTO.resolveBeforeData(List.of(
                new GeneColumn("CD3E", true, 0.0), new GeneColumn("MS4A1", false, -0.7)));
        assertEquals(Likelihood.GAUSSIAN, d.orElseThrow().likelihood());
        assertEquals("Likelihood AUTO chose Gaussian: gene column 'MS4A1' has values down to -0.7, so the data are "
                + "not raw counts", d.orElseThrow().reason());
    }

    @Test
    void beforeDataWholeNumberColumnsFromZeroMeanNegativeBinomial() {
        Optional<Decision> d = LikelihoodChoice.AUTO.resolveBeforeData(List.of(
                new GeneColumn("CD3E", true, 0.0), new GeneColumn("MS4A1", true, 2.0)));
        assertEquals(Likelihood.NEGATIVE_BINOMIAL, d.orElseThrow().likelihood());
        assertEquals("Likelihood AUTO chose negative binomial: all 2 gene columns hold whole numbers of at least 0 "
                + "(raw counts)", d.orElseThrow().reason());
    }

    @Test
    void beforeDataIsUnknownYetWhenTheSpecCannotTell() {
        // decimal columns may still hold counts; integer columns without a domain may hold negatives
        assertEquals(Optional.empty(), LikelihoodChoice.AUTO.resolveBeforeData(List.of(
                new GeneColumn("CD3E", true, 0.0), new GeneColumn("MS4A1", false, 0.0))));
        assertEquals(Optional.empty(), LikelihoodChoice.AUTO.resolveBeforeData(List.of(
                new GeneColumn("CD3E", true, null))));
        assertEquals(Optional.empty(), LikelihoodChoice.AUTO.resolveBeforeData(List.of()));
        assertEquals(Likelihood.GAUSSIAN, LikelihoodChoice.GAUSSIAN.resolveBeforeData(List.of()).orElseThrow()
                .likelihood());
    }
}
