package org.cdgm.engine.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.metrics.EffectiveDimension;
import org.cdgm.engine.metrics.IdentifiabilityScorer;
import org.cdgm.engine.metrics.SeedStability;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.cdgm.engine.training.ConstraintReport;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;
import org.junit.jupiter.api.Test;

class SeedRestartsTest {
    private static final SimulatedData SIM = Simulator.simulate(
            new SimulationSettings(150, 150, 10, 2, 2, 3, 1, Likelihood.GAUSSIAN, 0.1, 500, 5, 3));
    private static final ModelConfig MODEL = ModelConfig.defaults(10, Likelihood.GAUSSIAN).withNetwork(16, 1, 1,
            Activation.RELU);
    private static final TrainingSettings QUICK = TrainingSettings.defaults(TrainingMode.CONSTRAINED).withEpochs(4)
            .withBatchSize(32);

    @Test
    void fitsEachSeedChoosesTheLowestHeldOutLossAndAveragesPairwiseAgreement() {
        List<String> progress = new ArrayList<>();
        SeedRestarts.Outcome o = SeedRestarts.run(MODEL, QUICK, SIM.dataset(), new long[] {1, 2, 3},
                new TrainingMonitor() {
                    @Override
                    public void onProgress(double fraction, String message) {
                        progress.add(message);
                    }
                });
        assertEquals(3, o.fits().size());
        assertEquals(List.of(1L, 2L, 3L), o.fits().stream().map(SeedRestarts.Fit::seed).toList());
        for (SeedRestarts.Fit f : o.fits()) {
            EpochReport best = f.result().history().get(f.result().bestEpoch() - 1);
            assertEquals(best.validationBackgroundLoss() + best.validationTargetLoss(), f.heldOutLoss(), 1e-12);
            assertTrue(o.best().heldOutLoss() <= f.heldOutLoss());
        }
        assertTrue(progress.stream().anyMatch(m -> m.startsWith("Seed 3 of 3: ")), progress.toString());

        // the mean over the three pairs, each as SeedStability measures it
        double shared = 0;
        double salient = 0;
        double sharedSvcca = 0;
        double salientSvcca = 0;
        for (int[] p : new int[][] {{0, 1}, {0, 2}, {1, 2}}) {
            SeedStability s = stability(o.fits().get(p[0]).result(), o.fits().get(p[1]).result());
            shared += s.sharedMcc() / 3;
            salient += s.salientMcc() / 3;
            sharedSvcca += s.sharedSvcca() / 3;
            salientSvcca += s.salientSvcca() / 3;
        }
        assertEquals(shared, o.sharedMcc(), 1e-12);
        assertEquals(salient, o.salientMcc(), 1e-12);
        assertEquals(sharedSvcca, o.sharedSvcca(), 1e-12);
        assertEquals(salientSvcca, o.salientSvcca(), 1e-12);
        assertTrue(o.sharedMcc() > 0 && o.sharedMcc() <= 1 && Double.isFinite(o.salientR2()));

        // the kept fit's effective dimensions, as EffectiveDimension measures its coordinates
        TrainingResult kept = o.best().result();
        Embedding b = kept.model().embed(SIM.dataset().background().matrix());
        Embedding t = kept.model().embed(SIM.dataset().target().matrix());
        assertEquals(EffectiveDimension.of(IdentifiabilityScorer.stack(b.shared(), t.shared())),
                o.sharedDimension(), 1e-12);
        assertEquals(EffectiveDimension.of(t.salient()), o.salientDimension(), 1e-12);
        assertTrue(o.salientDimension() >= 1 && o.salientDimension() <= MODEL.salientDim());
    }

    private static SeedStability stability(TrainingResult a, TrainingResult b) {
        Embedding ab = a.model().embed(SIM.dataset().background().matrix());
        Embedding at = a.model().embed(SIM.dataset().target().matrix());
        Embedding bb = b.model().embed(SIM.dataset().background().matrix());
        Embedding bt = b.model().embed(SIM.dataset().target().matrix());
        return SeedStability.of(IdentifiabilityScorer.stack(ab.shared(), at.shared()),
                IdentifiabilityScorer.stack(bb.shared(), bt.shared()), at.salient(), bt.salient(), 1);
    }

    @Test
    void choosesByHeldOutLossAndFallsBackToTheFirstSeedWithoutOne() {
        assertEquals(1, SeedRestarts.choose(List.of(fit(5.0), fit(3.0), fit(4.0))));
        assertEquals(0, SeedRestarts.choose(List.of(fit(Double.NaN), fit(Double.NaN))));
        assertEquals(1, SeedRestarts.choose(List.of(fit(Double.NaN), fit(7.0))));
    }

    @Test
    void spacesThatChangeFromSeedToSeedGiveAWarning() {
        List<SeedRestarts.Fit> two = List.of(new SeedRestarts.Fit(42, null, 1.0), new SeedRestarts.Fit(43, null, 2.0));
        SeedRestarts.Outcome stable = new SeedRestarts.Outcome(two, 0, 0.9, 0.8, 0.95, 0.9);
        SeedRestarts.Outcome unstable = new SeedRestarts.Outcome(two, 0, 0.9, 0.3, 0.95, 0.2);
        assertTrue(stable.warning().isEmpty());
        assertTrue(unstable.warning().orElseThrow().startsWith("The salient space changes from seed to seed (mean "
                + "MCC between the 2 seeds: shared 0.90, salient 0.30"), unstable.warning().orElseThrow());
        assertEquals("2 seeds (42 to 43), kept seed 42 (lowest held-out loss); agreement between seeds: shared MCC "
                + "0.90, SVCCA NaN (R^2 0.95), salient MCC 0.30, SVCCA NaN (R^2 0.20)", unstable.describe());
    }

    /**
     * The misspecified simulation's case (issue 11): 4 salient coordinates of which about 2 carry the cells, seeds
     * that agree on the space (SVCCA 0.84) more than on its axes (MCC 0.72). The note says so; it stays silent when
     * the space uses its dimensions or the seeds agree axis by axis as much as on the space.
     */
    @Test
    void spareDimensionsWhereTheSeedsDifferAreNoted() {
        List<SeedRestarts.Fit> two = List.of(new SeedRestarts.Fit(1, null, 1.0), new SeedRestarts.Fit(2, null, 2.0));
        SeedRestarts.Outcome spare = new SeedRestarts.Outcome(two, 0, 0.72, 0.72, 0.82, 0.80, 0.80, 0.84, 3.9, 2.2);
        assertEquals("The salient space uses about 2.2 of its 4 dimensions (SVCCA 0.84, MCC 0.72): the seeds agree "
                + "on it as a space more than axis by axis, as happens when a space has more dimensions than the "
                + "cells' variation needs. Read it as a whole (distances, clusters, neighbours) rather than one "
                + "coordinate at a time, or fit a smaller latent size.", spare.spareDimensions(4, 4).orElseThrow());
        assertTrue(spare.spareDimensions(4, 3).isEmpty(), "2.2 of 3 is not a whole dimension spare");
        assertTrue(spare.spareDimensions(4, 2).isEmpty(), "2.2 of 2 is none spare");
        SeedRestarts.Outcome one = new SeedRestarts.Outcome(two, 0, 0.72, 0.72, 0.82, 0.80, 0.80, 0.84, 3.9, 1.0);
        assertTrue(one.spareDimensions(4, 2).isPresent(), "1.0 of 2: exactly one dimension spare");
        SeedRestarts.Outcome axes = new SeedRestarts.Outcome(two, 0, 0.72, 0.82, 0.82, 0.80, 0.80, 0.84, 3.9, 2.2);
        assertTrue(axes.spareDimensions(4, 4).isEmpty(), "MCC within 0.05 of SVCCA");
        SeedRestarts.Outcome both = new SeedRestarts.Outcome(two, 0, 0.60, 0.72, 0.82, 0.80, 0.80, 0.84, 2.5, 2.2);
        assertEquals("The salient space uses about 2.2 of its 4 dimensions (SVCCA 0.84, MCC 0.72); the shared space "
                + "uses about 2.5 of its 10 dimensions (SVCCA 0.80, MCC 0.60): the seeds agree on each as a space",
                both.spareDimensions(10, 4).orElseThrow().split(" more than")[0]);
        SeedRestarts.Outcome unknown = new SeedRestarts.Outcome(two, 0, 0.72, 0.72, 0.82, 0.80);
        assertTrue(unknown.spareDimensions(4, 4).isEmpty(), "NaN figures say nothing");
    }

    @Test
    void theHeldOutLossDecidesWhetherOrNotTheConstraintWasMet() {
        assertEquals(0, SeedRestarts.choose(List.of(fit(3.0, false), fit(5.0, true), fit(4.0, true))));
    }

    private static SeedRestarts.Fit fit(double loss) {
        return new SeedRestarts.Fit(1, new TrainingResult(null, List.of(), 1, false, Double.NaN,
                ConstraintReport.notMeasured(), 0), loss);
    }

    private static SeedRestarts.Fit fit(double loss, boolean met) {
        return new SeedRestarts.Fit(1, new TrainingResult(null, List.of(), 1, false, 0.5, new ConstraintReport(
                met ? ConstraintReport.Status.MET : ConstraintReport.Status.NOT_MET, 0.05, 0.04, 0.01, 0.01), 0),
                loss);
    }

    @Test
    void needsTwoDistinctSeeds() {
        assertEquals("Seed stability needs at least 2 seeds, got 1", assertThrows(IllegalArgumentException.class,
                () -> SeedRestarts.run(MODEL, QUICK, SIM.dataset(), new long[] {1}, TrainingMonitor.NONE)).getMessage());
        assertEquals("Seeds must differ: [4, 4]", assertThrows(IllegalArgumentException.class,
                () -> SeedRestarts.run(MODEL, QUICK, SIM.dataset(), new long[] {4, 4}, TrainingMonitor.NONE))
                .getMessage());
    }
}
