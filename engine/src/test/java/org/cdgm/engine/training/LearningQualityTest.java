package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cdgm.engine.metrics.IdentifiabilityReport;
import org.cdgm.engine.metrics.IdentifiabilityScorer;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.junit.jupiter.api.Test;

/**
 * A small end-to-end regression test of learning itself: on a simulation with known latents, an MO fit must
 * recover both blocks up to an affine map and keep the salient signal out of the shared space. Thresholds sit
 * well below what this fit reached when written (printed by the test), so they catch breakage, not noise.
 */
class LearningQualityTest {

    @Test
    void moFitRecoversBothLatentBlocks() {
        SimulatedData sim = Simulator.simulate(
                new SimulationSettings(600, 600, 20, 2, 2, 3, 1, Likelihood.GAUSSIAN, 0.1, 500, 5, 21));
        ModelConfig model = ModelConfig.defaults(20, Likelihood.GAUSSIAN).withNetwork(32, 1, 1, Activation.RELU);
        TrainingSettings settings = TrainingSettings.defaults(TrainingMode.MULTI_OBJECTIVE).withEpochs(60)
                .withBatchSize(64);
        TrainingResult r = new Trainer(model, settings).fit(sim.dataset(), TrainingMonitor.NONE);
        Embedding b = r.model().embed(sim.dataset().background().matrix());
        Embedding t = r.model().embed(sim.dataset().target().matrix());
        IdentifiabilityReport s = new IdentifiabilityScorer(1).score(sim.backgroundShared(), sim.targetShared(),
                sim.targetSalient(), b.shared(), t.shared(), t.salient(), b.salient());
        System.out.printf("LearningQualityTest: aligned MCC z %.3f t %.3f, leakage t->z %.3f, background spread %.4f%n",
                s.sharedMccAligned(), s.salientMccAligned(), s.salientLeakageLinear(), s.backgroundSalientSpread());
        assertTrue(s.sharedMccAligned() > 0.8, "shared block not recovered: " + s);
        assertTrue(s.salientMccAligned() > 0.8, "salient block not recovered: " + s);
        assertTrue(s.salientLeakageLinear() < 0.3, "salient signal leaks into the shared space: " + s);
        assertTrue(s.backgroundSalientSpread() < 0.2, "background cells carry salient variation: " + s);
    }
}
