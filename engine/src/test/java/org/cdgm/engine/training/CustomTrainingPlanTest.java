package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.cdgm.engine.numeric.VectorBlas;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A training mode defined outside the package's registry plugs into the trainer unchanged. */
class CustomTrainingPlanTest {

    /** A toy combiner: the mean of the two ELBO gradients plus the regulariser's, reporting alpha = 1/2. */
    static final class HalfSum implements GradientCombiner {
        int calls;

        @Override
        public GradientBuffers buffers(ParameterLayout layout, DataType dtype) {
            return GradientBuffers.separate(layout, dtype);
        }

        @Override
        public Combination combine(GradientBuffers g) {
            calls++;
            g.direction().assign(g.regulariser());
            VectorBlas.axpy(0.5, g.background(), g.direction());
            VectorBlas.axpy(0.5, g.target(), g.direction());
            return new Combination(g.direction().norm2Number().doubleValue(), 0.5);
        }

        @Override
        public boolean multiObjective() {
            return true;
        }
    }

    @Test
    void aCombinerDefinedHereDrivesTheFit() {
        SimulatedData sim = Simulator.simulate(
                new SimulationSettings(120, 120, 10, 2, 2, 3, 1, Likelihood.GAUSSIAN, 0.1, 500, 5, 3));
        ModelConfig model = ModelConfig.defaults(10, Likelihood.GAUSSIAN).withNetwork(16, 1, 1,
                org.cdgm.engine.model.Activation.RELU);
        TrainingSettings settings = TrainingSettings.defaults(TrainingMode.CLASSIC).withEpochs(2).withBatchSize(32)
                .withEarlyStopping(0.1, 0);
        HalfSum combiner = new HalfSum();
        TrainingResult r = new Trainer(model, settings, new TrainingPlan(() -> combiner, FixedPenalty::new))
                .fit(sim.dataset(), TrainingMonitor.NONE);
        int stepsPerEpoch = (int) Math.ceil(108 / 32.0); // 120 cells less 10 % validation, batches of 32
        assertEquals(2 * stepsPerEpoch, combiner.calls);
        for (EpochReport e : r.history()) {
            assertEquals(0.5, e.meanAlpha(), 1e-12, "the trainer reports the combiner's alpha");
            assertTrue(Double.isNaN(e.lambda()), "a fixed penalty has no lambda");
            assertTrue(Double.isFinite(e.trainTargetLoss()));
        }
        TrainingResult classic = new Trainer(model, settings).fit(sim.dataset(), TrainingMonitor.NONE);
        assertTrue(Double.isNaN(classic.history().get(0).meanAlpha()));
        assertNotEquals(classic.model().parameters(), r.model().parameters(), "another direction, another fit");
    }
}
