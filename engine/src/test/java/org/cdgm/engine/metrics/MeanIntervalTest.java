package org.cdgm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanIntervalTest {
    @Test
    void studentIntervalOfFiveValues() {
        MeanInterval m = MeanInterval.of(new double[] {1, 2, 3, 4, 5}, 0.95);
        // t(0.975, 4) = 2.776445 (tables); sd = sqrt(2.5)
        double half = 2.7764451051977987 * Math.sqrt(2.5) / Math.sqrt(5);
        assertEquals(3, m.mean(), 1e-12);
        assertEquals(3 - half, m.low(), 1e-9);
        assertEquals(3 + half, m.high(), 1e-9);
        assertEquals(5, m.n());
    }

    @Test
    void widerForHigherLevelAndNoIntervalForOneValue() {
        double[] v = {0.8, 0.9, 0.85};
        assertTrue(MeanInterval.of(v, 0.99).low() < MeanInterval.of(v, 0.95).low());
        MeanInterval one = MeanInterval.of(new double[] {0.7}, 0.95);
        assertEquals(0.7, one.mean());
        assertTrue(Double.isNaN(one.low()) && Double.isNaN(one.high()));
    }

    @Test
    void badInputIsNamed() {
        assertEquals("The confidence level must be between 0 and 1, got 95.0", assertThrows(
                IllegalArgumentException.class, () -> MeanInterval.of(new double[] {1, 2}, 95)).getMessage());
        assertEquals("A value to summarise is NaN; every value must be finite", assertThrows(
                IllegalArgumentException.class, () -> MeanInterval.of(new double[] {1, Double.NaN}, 0.95))
                .getMessage());
    }
}
