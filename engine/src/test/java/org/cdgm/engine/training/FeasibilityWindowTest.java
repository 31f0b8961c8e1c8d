package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeasibilityWindowTest {

    @Test
    void meanAndStandardErrorOfTheLatestStepsMatchADirectComputation() {
        FeasibilityWindow w = new FeasibilityWindow(3); // keeps at least MIN_STEPS = 10
        for (int i = 1; i <= 15; i++) {
            w.add(i); // the window holds 6..15
        }
        double mean = 10.5;
        double ss = 0;
        for (int i = 6; i <= 15; i++) {
            ss += (i - mean) * (i - mean);
        }
        assertEquals(mean, w.mean(), 1e-12);
        assertEquals(Math.sqrt(ss / 9 / 10), w.standardError(), 1e-12);
    }

    @Test
    void oneValueHasNoStandardError() {
        FeasibilityWindow w = new FeasibilityWindow(20);
        w.add(0.3);
        assertEquals(0.3, w.mean(), 0);
        assertTrue(Double.isNaN(w.standardError()));
    }

    @Test
    void feasibleWithinTwoStandardErrors() {
        assertTrue(FeasibilityWindow.feasible(0.059, 0.005, 0.05));
        assertFalse(FeasibilityWindow.feasible(0.061, 0.005, 0.05));
        assertTrue(FeasibilityWindow.feasible(0.05, Double.NaN, 0.05));
        assertFalse(FeasibilityWindow.feasible(0.0501, Double.NaN, 0.05));
    }
}
