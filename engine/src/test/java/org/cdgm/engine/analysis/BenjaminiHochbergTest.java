package org.cdgm.engine.analysis;

import static org.cdgm.engine.analysis.EnergyDistanceTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void matchesReferenceValues() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH"); the same from scipy 1.17
        // stats.false_discovery_control(p, method="bh"), run 2026-11-29
        assertArrayEquals(new double[] {0.025, 0.05, 0.05, 0.025, 0.5},
                BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.5}), 1e-12);
        // ties, a value capped at 1 (0.9·8/7), p = 0 and p = 1; scipy 1.17 and exact fractions agree
        assertArrayEquals(new double[] {0.2666666666666667, 0.2666666666666667, 1, 0.004, 0.08, 1, 0, 0.08},
                BenjaminiHochberg.adjust(new double[] {0.2, 0.2, 0.9, 0.001, 0.04, 1, 0, 0.03}), 1e-12);
    }

    @Test
    void passesNanThroughWithoutCountingIt() {
        double[] adj = BenjaminiHochberg.adjust(new double[] {0.01, Double.NaN, 0.04});
        assertEquals(0.02, adj[0], 1e-12); // m = 2, not 3
        assertEquals(Double.NaN, adj[1]);
        assertEquals(0.04, adj[2], 1e-12);
        assertEquals(0, BenjaminiHochberg.adjust(new double[0]).length);
    }

    @Test
    void refusesValuesOutsideTheUnitInterval() {
        assertMessage("value 2 is -0.1", () -> BenjaminiHochberg.adjust(new double[] {0.5, -0.1}));
        assertMessage("value 1 is 1.5", () -> BenjaminiHochberg.adjust(new double[] {1.5}));
        assertMessage("value 1 is Infinity", () -> BenjaminiHochberg.adjust(new double[] {Double.POSITIVE_INFINITY}));
    }
}
