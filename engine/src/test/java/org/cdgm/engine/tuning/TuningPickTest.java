package org.cdgm.engine.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cdgm.engine.training.ConstraintReport;
import org.cdgm.engine.training.ConstraintReport.Status;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.TrainingResult;
import org.junit.jupiter.api.Test;

/** The tuner's default pick on scripted fits: loss within seed noise first, then seed stability. */
class TuningPickTest {
    private static final long[] TWO = {1, 2};

    @Test
    void aStableSmallerModelWithinSeedNoiseBeatsASlightlyBetterUnstableLargerOne() {
        List<TuningFit> fits = List.of(
                fit(8, 8, 100.0, 0.5, 0.45, Status.MET),   // lowest loss; tolerance 100 + 2 x 0.5 = 101
                fit(2, 2, 100.6, 0.3, 0.90, Status.MET),   // within it and the most stable: chosen
                fit(4, 4, 101.5, 0.2, 0.97, Status.MET),   // more stable still, but its loss is clearly worse
                fit(3, 3, 99.0, 0.1, 0.99, Status.NOT_MET)); // best at everything, but violated its constraint
        TuningResult r = Tuner.result(fits, TWO);
        assertEquals(1, r.bestIndex(), r.notes().toString());
        assertEquals(0, r.lowestLossIndex());
        assertTrue(!r.pickedLowestLoss());
        assertTrue(r.notes().contains("1 of 4 fits did not meet their constraint and were not considered."),
                r.notes().toString());
        assertTrue(r.notes().contains("The lowest loss is 100.0 ± 0.50 (standard error over seeds) at k_z=8, k_t=8, "
                + "epsilon=0.1; 2 of 3 fits are within two standard errors of it (loss up to 101.0)."),
                r.notes().toString());
        assertEquals("Chosen: k_z=2, k_t=2, epsilon=0.1, the most seed-stable of those (salient stability 0.90 "
                + "against 0.45 for the lowest-loss fit): a space each seed finds again is identifiable in practice.",
                r.notes().get(r.notes().size() - 1));
    }

    @Test
    void aClearlyBetterLossWinsEvenIfLessStable() {
        List<TuningFit> fits = List.of(
                fit(8, 8, 100.0, 0.2, 0.45, Status.NOT_MEASURED), // unconstrained mode: acceptable
                fit(2, 2, 101.0, 0.2, 0.95, Status.NOT_MEASURED)); // 1.0 above, tolerance 0.4
        TuningResult r = Tuner.result(fits, TWO);
        assertEquals(0, r.bestIndex());
        assertTrue(r.pickedLowestLoss());
        assertEquals("Chosen: k_z=8, k_t=8, epsilon=0.1, the lowest-loss fit, which is also the most seed-stable of "
                + "those (salient stability 0.45).", r.notes().get(r.notes().size() - 1));
    }

    @Test
    void equallyStableFitsGoToTheSmallerModel() {
        List<TuningFit> fits = List.of(
                fit(8, 8, 100.0, 0.5, 0.8, Status.MET),
                fit(2, 4, 100.2, 0.5, 0.8, Status.MET),
                fit(4, 2, 100.1, 0.5, 0.8, Status.MET));
        assertEquals(2, Tuner.result(fits, TWO).bestIndex(), "same size 6: the lower loss");
    }

    @Test
    void withNoAcceptableFitAllAreConsideredAndTheNotesSaySo() {
        List<TuningFit> fits = List.of(
                fit(8, 8, 100.0, 0.5, 0.45, Status.NOT_MET),
                fit(2, 2, 100.6, 0.3, 0.90, Status.NOT_MET),
                fit(4, 4, 105.0, 0.3, 0.99, Status.NOT_MET));
        TuningResult r = Tuner.result(fits, TWO);
        assertEquals(1, r.bestIndex());
        assertTrue(r.notes().contains("No fit met its constraint, so all fits were considered; consider larger "
                + "epsilons."), r.notes().toString());
    }

    @Test
    void withOneSeedPerCandidateStabilityIsUnknownAndTheLowestLossWins() {
        List<TuningFit> fits = List.of(
                fit(8, 8, 100.0, Double.NaN, Double.NaN, Status.MET),
                fit(2, 2, 100.0, Double.NaN, Double.NaN, Status.MET),  // same loss, smaller: wins the tie
                fit(2, 1, 100.3, Double.NaN, Double.NaN, Status.MET));
        TuningResult r = Tuner.result(fits, new long[] {42});
        assertEquals(1, r.bestIndex());
        assertEquals("Each candidate was fitted once (seed 42).", r.notes().get(0));
        assertEquals("With 1 seed per candidate seed stability cannot be measured, so the fit with the lowest loss "
                + "was chosen: k_z=2, k_t=2, epsilon=0.1 (2 or more seeds per candidate prefer stable fits).",
                r.notes().get(1));
        assertEquals(List.of(true, true, false), r.fits().stream().map(TuningFit::paretoOptimal).toList(),
                "(2,1) is dominated in loss; unknown stability does not change the front");
    }

    @Test
    void stabilityIsTheFourthObjectiveOfTheFront() {
        // same losses and regulariser: only stability separates them
        TuningFit stable = fit(2, 2, 100.0, 0.1, 0.9, Status.MET);
        TuningFit unstable = fit(4, 4, 100.0, 0.1, 0.5, Status.MET);
        TuningFit worseLossMoreStable = fit(1, 1, 102.0, 0.1, 0.95, Status.MET);
        assertArrayEquals(new double[] {50.0, 50.0, 0.01, 1 - 0.9}, stable.objectives(), 1e-12);
        TuningResult r = Tuner.result(List.of(stable, unstable, worseLossMoreStable), TWO);
        assertEquals(List.of(true, false, true), r.fits().stream().map(TuningFit::paretoOptimal).toList());
        assertEquals(0, r.bestIndex());
    }

    @Test
    void validationOffIsNamedAndNoFitsIsRefused() {
        EpochReport trainOnly = new EpochReport(1, 50, 50, 0.01, Double.NaN, Double.NaN, Double.NaN, 1, 0, 0.1);
        TrainingResult t = new TrainingResult(null, List.of(trainOnly), 1, false, 0, ConstraintReport.notMeasured(), 0);
        TuningFit f = new TuningFit(new TuningCandidate(2, 2, 1), outcome(t, Double.NaN), 50, 50, 0.01, Double.NaN,
                false);
        assertTrue(Tuner.result(List.of(f), new long[] {1}).notes().contains("The validation fraction is 0, so the "
                + "losses compared are training losses, not held-out ones."));
        assertEquals("No fits to choose from", assertThrows(IllegalArgumentException.class,
                () -> TuningPick.of(List.of(), TWO)).getMessage());
    }

    @Test
    void standardErrorIsTheSampleStandardDeviationOverRootN() {
        assertEquals(0.5, TuningFit.standardError(new double[] {1, 2}), 1e-12);
        assertEquals(1 / Math.sqrt(3), TuningFit.standardError(new double[] {1, 2, 3}), 1e-12);
        assertTrue(Double.isNaN(TuningFit.standardError(new double[] {1})));
    }

    /** A candidate whose mean loss (split evenly into background and target) and seeds' agreement are given. */
    private static TuningFit fit(int kz, int kt, double loss, double se, double salientStability, Status status) {
        ConstraintReport c = status == Status.NOT_MEASURED ? ConstraintReport.notMeasured()
                : new ConstraintReport(status, 0.1, 0.05, 0.01, 0.01);
        TrainingResult r = new TrainingResult(null, List.of(), 1, false, 0.5, c, 0);
        return new TuningFit(new TuningCandidate(kz, kt, 0.1), outcome(r, salientStability), loss / 2, loss / 2, 0.01,
                se, false);
    }

    private static SeedRestarts.Outcome outcome(TrainingResult r, double salientStability) {
        return new SeedRestarts.Outcome(List.of(new SeedRestarts.Fit(1, r, Double.NaN)), 0, 0.5, salientStability,
                0.5, 0.5);
    }
}
