package org.cdgm.engine.model;

import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.network.ContrastiveVae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A model with a batch covariate: the level changes what is encoded and decoded, and is required where it must be. */
class BatchCovariateModelTest {
    private static final BatchCovariate REPS = new BatchCovariate("bio_rep", List.of("rep1", "rep2", "rep3"));
    private static final ModelConfig CONFIG = Fixtures.tinyConfig(Likelihood.NEGATIVE_BINOMIAL,
            PriorKind.STANDARD_NORMAL).withBatchLevels(3);
    private static final List<String> GENES = List.of("g1", "g2", "g3", "g4", "g5");
    private static final DenseCellMatrix CELLS = DenseCellMatrix.of(new double[][] {{1, 0, 2, 5, 3}, {1, 0, 2, 5, 3}});

    private static TrainedModel model() {
        return new TrainedModel(CONFIG, new ContrastiveVae(CONFIG).initialParameters(3), GENES, REPS,
                ModelProvenance.unknown(GENES));
    }

    @Test
    void theLevelChangesTheCodesAndTheDecodedExpression() {
        TrainedModel m = model();
        Embedding e = m.embed(CELLS, m.batchCodes(List.of("rep1", "rep3")));
        assertFalse(java.util.Arrays.equals(e.shared()[0], e.shared()[1]), "same cell, other batch, same code");
        assertArrayEquals(m.posterior(CELLS, new int[] {0, 2}).sharedMean()[1], e.shared()[1], 0);
        double[][] z = {{0.5, -0.2}, {0.5, -0.2}};
        double[][] x = m.normalizedExpression(z, null, new int[] {0, 1});
        assertFalse(java.util.Arrays.equals(x[0], x[1]), "the decoder ignores the batch");
        assertEquals(1.0, java.util.Arrays.stream(x[1]).sum(), 1e-9);
    }

    @Test
    void aModelWithACovariateNeedsEachCellsLevelAndNamesItsColumn() {
        TrainedModel m = model();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> m.embed(CELLS));
        assertTrue(e.getMessage().contains("batch column bio_rep") && e.getMessage().contains("rep1, rep2, rep3"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> m.normalizedExpression(new double[][] {{0, 0}}, null));
        assertTrue(e.getMessage().contains("bio_rep"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> m.posterior(CELLS, new int[] {0}));
        assertTrue(e.getMessage().contains("2 cells but 1 batch levels"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> m.posterior(CELLS, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("not one of the 3 levels of bio_rep"), e.getMessage());
    }

    @Test
    void aLevelUnseenInTrainingIsNamedWithTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> model().batchCodes(List.of("rep1", "rep4")));
        assertEquals("The batch column bio_rep has the level 'rep4' (cell 2), which the model did not see in "
                + "training; it knows rep1, rep2, rep3. A model can only correct batches it was trained on: train it "
                + "with these cells' batch included", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> model().batchCodes(java.util.Arrays.asList("rep1", null)));
        assertTrue(e.getMessage().startsWith("Cell 2 has no value in the batch column bio_rep"), e.getMessage());
    }

    @Test
    void aModelWithoutCovariateTakesNoLevels() {
        ModelConfig plain = Fixtures.tinyConfig(Likelihood.NEGATIVE_BINOMIAL, PriorKind.STANDARD_NORMAL);
        TrainedModel m = new TrainedModel(plain, new ContrastiveVae(plain).initialParameters(3), GENES,
                ModelProvenance.unknown(GENES));
        assertEquals(m.embed(CELLS).shared()[0][0], m.embed(CELLS, null).shared()[0][0], 0);
        assertThrows(InvalidInputException.class, () -> m.embed(CELLS, new int[] {0, 1}));
        assertThrows(InvalidInputException.class, () -> m.batchCodes(List.of("rep1")));
        assertEquals(0, plain.batchLevels());
        assertEquals(plain, new ModelConfig(5, 2, 2, 6, 1, 1, Activation.RELU, Likelihood.NEGATIVE_BINOMIAL,
                PriorKind.STANDARD_NORMAL, 3, Precision.FLOAT64, 0));
    }

    @Test
    void architectureAndCovariateMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainedModel(
                CONFIG.withBatchLevels(2), new ContrastiveVae(CONFIG.withBatchLevels(2)).initialParameters(1), GENES,
                REPS, ModelProvenance.unknown(GENES)));
        assertTrue(e.getMessage().contains("takes 2 batch levels but the batch column bio_rep has 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainedModel(CONFIG,
                new ContrastiveVae(CONFIG).initialParameters(1), GENES, ModelProvenance.unknown(GENES)));
        assertTrue(e.getMessage().contains("no batch covariate was given"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withBatchLevels(1));
        assertEquals("Setting 'batch levels' must be at least 2, got 1", e.getMessage());
    }

    @Test
    void theForwardPassRefusesMissingOrOutOfRangeCodes() {
        ContrastiveVae vae = new ContrastiveVae(CONFIG);
        CellBatch plain = Fixtures.batch(Likelihood.NEGATIVE_BINOMIAL, 3, 5, 1);
        Noise noise = Noise.draw(new SplittableRandom(2), 3, 3, 2, 2, DataType.DOUBLE, false);
        var params = vae.initialParameters(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vae.forward(params, plain, plain.withBatchCodes(new int[] {0, 1, 2}), noise));
        assertTrue(e.getMessage().contains("needs its batch code"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vae.forward(params,
                plain.withBatchCodes(new int[] {0, 1, 3}), plain.withBatchCodes(new int[] {0, 1, 2}), noise));
        assertTrue(e.getMessage().contains("outside the model's 3 levels"), e.getMessage());
    }
}
