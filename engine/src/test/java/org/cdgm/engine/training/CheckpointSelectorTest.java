package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointSelectorTest {

    @Test
    void unconstrainedKeepsTheLowestLoss() {
        CheckpointSelector s = new CheckpointSelector(false, 0);
        assertTrue(s.offer(1, 10, 5, Nd4j.zeros(1, 2)));
        assertTrue(s.offer(2, 8, 9, Nd4j.ones(1, 2)));
        assertFalse(s.offer(3, 9, 0, Nd4j.zeros(1, 2)));
        assertEquals(2, s.bestEpoch());
        assertEquals(1.0, s.bestParams().getDouble(0, 0), 0);
    }

    @Test
    void constrainedPrefersFeasibleEpochsThenLowerLoss() {
        CheckpointSelector s = new CheckpointSelector(true, 0.1);
        s.offer(1, 5, 0.5, Nd4j.zeros(1, 1));    // infeasible, best so far
        assertTrue(s.offer(2, 7, 0.3, Nd4j.zeros(1, 1)));   // infeasible but a smaller violation
        assertTrue(s.offer(3, 9, 0.05, Nd4j.zeros(1, 1)));  // feasible beats infeasible despite higher loss
        assertFalse(s.offer(4, 4, 0.2, Nd4j.zeros(1, 1)));  // infeasible never beats feasible
        assertTrue(s.offer(5, 8, 0.09, Nd4j.zeros(1, 1)));  // feasible with lower loss
        assertEquals(5, s.bestEpoch());
        assertTrue(s.bestFeasible());
    }
}
