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
import org.cdgm.engine.training.TrainingResult;
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
    void pickPrefersFeasibleParetoFitsWithTheLowestLoss() {
        List<TuningFit> fits = new ArrayList<>();
        fits.add(fit(2, 2, 10, 10, true, true));
        fits.add(fit(4, 4, 8, 9, true, false));   // lower loss but violated its constraint
        fits.add(fit(4, 2, 9, 10.5, true, true));  // lowest feasible loss, 19.5
        fits.add(fit(8, 8, 9, 10.5, true, true));  // same loss, larger: loses the tie
        fits.add(fit(1, 1, 7, 7, false, true));    // not on the front (made up): never picked
        assertEquals(2, Tuner.pick(fits));
        fits.replaceAll(f -> new TuningFit(f.candidate(), result(false), f.backgroundLoss(), f.targetLoss(),
                f.regulariser(), f.paretoOptimal()));
        assertEquals(1, Tuner.pick(fits), "with no feasible fit the lowest loss on the front is taken");
    }

    private static TuningFit fit(int kz, int kt, double lb, double lt, boolean pareto, boolean feasible) {
        return new TuningFit(new TuningCandidate(kz, kt, 0.1), result(feasible), lb, lt, 0.01, pareto);
    }

    private static TrainingResult result(boolean feasible) {
        return new TrainingResult(null, List.of(), 1, false, 0.5, feasible, 0);
    }

    @Test
    void tunesAGridOnSimulatedDataWithProgressOverAllFits() {
        SimulatedData sim = Simulator.simulate(SimulationSettings.defaults().withSize(300, 300, 20));
        ModelConfig base = ModelConfig.defaults(20, Likelihood.GAUSSIAN).withNetwork(16, 1, 1, Activation.RELU);
        TrainingSettings training = TrainingSettings.defaults(TrainingMode.CONSTRAINED).withEpochs(3)
                .withBatchSize(64);
        List<Double> progress = new ArrayList<>();
        TuningResult r = new Tuner(base, training, TuningGrid.parse("1,2", "2", "0.05,0.5")).run(sim.dataset(),
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
        }
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress must not go back");
        }
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-12);
        assertTrue(progress.stream().anyMatch(p -> p > 0.5 && p < 0.75), "progress spans all fits");
    }
}
