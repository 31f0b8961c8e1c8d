package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The checkpoint rule on scripted histories (issue 11: noisy regulariser, infeasible early epochs). */
class CheckpointSelectorTest {

    private static INDArray p(double v) {
        return Nd4j.zeros(1, 2).addi(v);
    }

    @Test
    void unconstrainedKeepsTheLowestLoss() {
        CheckpointSelector s = new CheckpointSelector(false);
        assertTrue(s.offer(1, 10, 5, 0, 0, p(0)));
        assertTrue(s.offer(2, 8, 9, 0, 0, p(1)));
        assertFalse(s.offer(3, 9, 0, 0, 0, p(0)));
        assertEquals(2, s.bestEpoch());
        assertEquals(1.0, s.bestParams().getDouble(0, 0), 0);
    }

    @Test
    void withoutValidationTheLatestEpochIsKept() {
        CheckpointSelector s = new CheckpointSelector(false);
        s.offer(1, Double.NaN, 0, 0, 0, p(1));
        assertTrue(s.offer(2, Double.NaN, 0, 0, 0, p(2)));
        assertEquals(2, s.bestEpoch());
    }

    @Test
    void anEpochWithinTheRegularisersNoiseOfEpsilonIsFeasibleAndTheLowerLossWins() {
        double eps = 0.05;
        CheckpointSelector s = new CheckpointSelector(true);
        // 0.058 with standard error 0.005 is within two standard errors of 0.05: feasible
        assertTrue(s.offer(1, 100, 0.058, 0.005, eps, p(1)));
        assertTrue(s.bestFeasible());
        // lower regulariser but higher loss: not better
        assertFalse(s.offer(2, 120, 0.01, 0.005, eps, p(2)));
        // lower loss, still within noise: better
        assertTrue(s.offer(3, 90, 0.055, 0.004, eps, p(3)));
        // lowest loss but clearly above epsilon (0.08 > 0.05 + 2 x 0.005): never replaces a feasible epoch
        assertFalse(s.offer(4, 50, 0.08, 0.005, eps, p(4)));
        assertEquals(3, s.bestEpoch());
        assertEquals(0.055, s.bestRegulariser(), 0);
        assertEquals(0.004, s.bestStandardError(), 0);
    }

    @Test
    void beforeAnyFeasibleEpochTheLowestLossIsKeptAndProgressCounts() {
        double eps = 0.05;
        CheckpointSelector s = new CheckpointSelector(true);
        // issue 11's case: an early epoch has the smallest regulariser, later ones a lower loss
        assertTrue(s.offer(1, 100, 0.30, 0.01, eps, p(1)));
        assertTrue(s.offer(2, 99, 0.12, 0.01, eps, p(2)));
        assertTrue(s.offer(3, 80, 0.25, 0.01, eps, p(3)),
                "a falling loss is progress: patience must not count from the smallest violation");
        assertEquals(3, s.bestEpoch(), "no epoch met the constraint: the lowest loss is kept, not the least violation");
        assertFalse(s.bestFeasible());
        // a squeezed epoch (huge lambda): smaller regulariser, worse loss. Progress, but not kept
        assertTrue(s.offer(4, 120, 0.10, 0.01, eps, p(4)));
        assertEquals(3, s.bestEpoch());
        assertFalse(s.offer(5, 85, 0.26, 0.01, eps, p(5)), "neither loss nor regulariser improved");
        // the first feasible epoch replaces it whatever its loss
        assertTrue(s.offer(6, 95, 0.04, 0.01, eps, p(6)));
        assertTrue(s.bestFeasible());
        assertEquals(6, s.bestEpoch());
        // after that only feasible epochs with a lower loss are progress
        assertFalse(s.offer(7, 60, 0.2, 0.01, eps, p(7)));
        assertTrue(s.offer(8, 90, 0.05, 0.01, eps, p(8)));
        assertEquals(8, s.bestEpoch());
    }

    @Test
    void withoutValidationTheLatestFeasibleEpochIsKept() {
        CheckpointSelector s = new CheckpointSelector(true);
        assertTrue(s.offer(1, Double.NaN, 0.04, 0.01, 0.05, p(1)));
        assertFalse(s.offer(2, Double.NaN, 0.09, 0.01, 0.05, p(2)));
        assertTrue(s.offer(3, Double.NaN, 0.05, 0.01, 0.05, p(3)));
        assertEquals(3, s.bestEpoch());
    }
}
