package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.junit.jupiter.api.Test;

/** Training with a batch covariate: the fit carries the levels into the model and is reproducible. */
class BatchTrainingTest {
    private static final SimulatedData SIM = Simulator.simulate(
            new SimulationSettings(120, 120, 10, 2, 2, 3, 1, Likelihood.GAUSSIAN, 0.1, 500, 5, 3));
    private static final ModelConfig MODEL = ModelConfig.defaults(10, Likelihood.GAUSSIAN).withNetwork(16, 1, 1,
            Activation.RELU);
    private static final TrainingSettings QUICK = TrainingSettings.defaults(TrainingMode.CONSTRAINED).withEpochs(3)
            .withBatchSize(32).withEarlyStopping(0.1, 0);

    /** Replicates a, b, c in turn over each set's cells. */
    private static ContrastiveDataset withReplicates() {
        ContrastiveDataset d = SIM.dataset();
        return d.withBatch("replicate", replicates(d.background().cells()), replicates(d.target().cells()));
    }

    private static List<String> replicates(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.valueOf((char) ('a' + i % 3)));
        }
        return out;
    }

    @Test
    void aFitWithACovariateKeepsItsLevelsAndIsReproducible() {
        ContrastiveDataset data = withReplicates();
        TrainingResult a = new Trainer(MODEL.withBatchLevels(3), QUICK).fit(data, TrainingMonitor.NONE);
        TrainingResult b = new Trainer(MODEL.withBatchLevels(3), QUICK).fit(data, TrainingMonitor.NONE);
        TrainedModel m = a.model();
        assertEquals(data.batch(), m.batch());
        assertEquals(3, m.config().batchLevels());
        assertEquals(a.model().parameters(), b.model().parameters());
        assertEquals("3", m.provenance().entries(false).get("model.batchLevels"));
        Embedding e = m.embed(data.target().matrix(), data.target().batchCodes());
        assertEquals(data.target().cells(), e.shared().length);
        for (double[] row : e.salient()) {
            for (double v : row) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    @Test
    void theArchitectureMustTakeTheDatasLevels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(MODEL, QUICK).fit(withReplicates(), TrainingMonitor.NONE));
        assertTrue(e.getMessage().startsWith("The model is configured for 0 batch levels but the data have 3 (batch "
                + "column replicate)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(MODEL.withBatchLevels(3), QUICK).fit(SIM.dataset(), TrainingMonitor.NONE));
        assertTrue(e.getMessage().contains("the data have no batch covariate"), e.getMessage());
    }
}
