package org.cdgm.engine.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingSettings;
import org.junit.jupiter.api.Test;

class TunerTest {

    @Test
    void paretoFrontKeepsExactlyTheNonDominatedPoints() {
        double[][] pts = {{1, 5}, {2, 2}, {5, 1}, {3, 3}, {2, 2}, {6, 6}};
        // (3,3) is beaten by (2,2); (6,6) by everything; equal points do not dominate each other.
        assertArrayEquals(new boolean[] {true, true, true, false, true, false}, ParetoFront.nonDominated(pts));
    }

    @Test
    void gridParsesListsAndNamesBadSettings() {
        TuningGrid g = TuningGrid.parse("2, 4", "1 2;2", "0.05,0.1");
        assertEquals(List.of(1, 2), g.salientSizes(), "duplicates are dropped");
        assertEquals(2 * 2 * 2, g.candidates().size());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuningGrid.parse("2,x", "1", "0.1"))
                .getMessage().contains("'Shared latent sizes (k_z)': 'x' is not a whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuningGrid.parse("2", "0", "0.1"))
                .getMessage().contains("'Salient latent sizes (k_t)' must hold whole numbers from 1 to 64, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuningGrid.parse("2", "1", " "))
                .getMessage().contains("'Epsilons' is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuningGrid.parse("2", "1", "-0.1"))
                .getMessage().contains("'Epsilons' must hold finite numbers >= 0"));
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 21; i++) {
            many.append(i).append(',');
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuningGrid.parse(many.toString(),
                many.toString(), "0.1")).getMessage().contains("441 candidates"));
    }

    @Test
    void seedsPerCandidateDefaultToTwoAndAreCheckedWithTheSettingsName() {
        assertEquals(2, TuningGrid.parse("2", "1", "0.1").seedsPerCandidate());
        assertArrayEquals(new long[] {7, 8, 9}, TuningGrid.parse("2", "1", "0.1", 3).seeds(7));
        assertEquals("Setting 'Seeds per candidate' must be a whole number from 1 to 10, got 0",
                assertThrows(IllegalArgumentException.class, () -> TuningGrid.parse("2", "1", "0.1", 0))
                        .getMessage());
        assertEquals("Setting 'Seeds per candidate' must be a whole number from 1 to 10, got 11",
                assertThrows(IllegalArgumentException.class, () -> TuningGrid.parse("2", "1", "0.1", 11))
                        .getMessage());
    }

    @Test
    void tunesAGridWithTwoSeedsPerCandidateMeasuringStabilityWithProgressOverAllFits() {
        SimulatedData sim = Simulator.simulate(SimulationSettings.defaults().withSize(300, 300, 20));
        ModelConfig base = ModelConfig.defaults(20, Likelihood.GAUSSIAN).withNetwork(16, 1, 1, Activation.RELU);
        TrainingSettings training = TrainingSettings.defaults(TrainingMode.CONSTRAINED).withEpochs(3)
                .withBatchSize(64);
        List<Double> progress = new ArrayList<>();
        TuningResult r = new Tuner(base, training.withSeed(5), TuningGrid.parse("1,2", "2", "0.05,0.5")).run(sim.dataset(),
                new TrainingMonitor() {
                    @Override
                    public void onProgress(double fraction, String message) {
                        progress.add(fraction);
                    }
                });
        assertEquals(4, r.fits().size());
        assertEquals(2, r.fits().get(2).candidate().sharedDim());
        assertEquals(2, r.fits().get(2).result().model().config().sharedDim(), "each fit uses its own k_z");
        assertTrue(r.fits().stream().anyMatch(TuningFit::paretoOptimal));
        assertTrue(r.best().paretoOptimal());
        for (TuningFit f : r.fits()) {
            assertTrue(Double.isFinite(f.backgroundLoss() + f.targetLoss() + f.regulariser()), f.toString());
            assertEquals(List.of(5L, 6L), f.seedFits().stream().map(SeedRestarts.Fit::seed).toList(),
                    "every candidate gets the same seeds, from the training seed on");
            // the candidate's losses are the seeds' means; the model passed on is the seed with the lower loss
            double mean = f.seedFits().stream().mapToDouble(SeedRestarts.Fit::heldOutLoss).average().orElseThrow();
            assertEquals(mean, f.heldOutLoss(), 1e-9);
            double a = f.seedFits().get(0).heldOutLoss();
            double b = f.seedFits().get(1).heldOutLoss();
            assertEquals(Math.abs(a - b) / 2, f.heldOutLossStandardError(), 1e-9, "sd / sqrt(2) of two values");
            assertEquals(Math.min(a, b), f.seeds().best().heldOutLoss(), 0);
            assertTrue(f.salientStability() > 0 && f.salientStability() <= 1, f.toString());
            assertTrue(f.sharedStability() > 0 && f.sharedStability() <= 1, f.toString());
        }
        assertTrue(r.notes().size() >= 3, r.notes().toString());
        assertTrue(r.notes().get(0).startsWith("Each candidate was fitted with 2 seeds [5, 6]"), r.notes().get(0));
        assertTrue(r.notes().get(r.notes().size() - 1).startsWith("Chosen: k_z="), r.notes().toString());
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress must not go back");
        }
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-12);
        assertTrue(progress.stream().anyMatch(p -> p > 0.5 && p < 0.75), "progress spans all fits");
    }

    @Test
    void oneSeedPerCandidateFitsOnceAndLeavesStabilityUnknown() {
        SimulatedData sim = Simulator.simulate(SimulationSettings.defaults().withSize(200, 200, 10));
        ModelConfig base = ModelConfig.defaults(10, Likelihood.GAUSSIAN).withNetwork(16, 1, 1, Activation.RELU);
        TrainingSettings training = TrainingSettings.defaults(TrainingMode.CLASSIC).withEpochs(2).withBatchSize(64);
        TuningResult r = new Tuner(base, training, TuningGrid.parse("1", "1,2", "1", 1)).run(sim.dataset(),
                TrainingMonitor.NONE);
        for (TuningFit f : r.fits()) {
            assertEquals(1, f.seedFits().size());
            assertEquals(42L, f.seedFits().get(0).seed());
            assertTrue(Double.isNaN(f.salientStability()) && Double.isNaN(f.heldOutLossStandardError()));
        }
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("With 1 seed per candidate")), r.notes().toString());
    }
}
