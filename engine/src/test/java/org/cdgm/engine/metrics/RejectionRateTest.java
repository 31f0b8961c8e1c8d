package org.cdgm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RejectionRateTest {

    @Test
    void countsPBelowTheLevelWithWilsonsInterval() {
        double[] p = new double[20];
        java.util.Arrays.fill(p, 0.5);
        p[3] = 0.01;
        p[7] = 0.05; // not below 0.05
        RejectionRate r = RejectionRate.of(p, 0.05);
        assertEquals(20, r.tests());
        assertEquals(1, r.rejected());
        assertEquals(0.05, r.rate(), 1e-12);
        double[] wilson = wilson(1, 20);
        assertEquals(wilson[0], r.lower(), 1e-6);
        assertEquals(wilson[1], r.upper(), 1e-6);
    }

    @Test
    void noneAndAllRejectedStillHaveAnInterval() {
        RejectionRate none = RejectionRate.of(new double[] {0.2, 0.9, 0.4}, 0.05);
        assertEquals(0, none.rejected());
        assertEquals(0, none.lower(), 1e-9);
        assertEquals(wilson(0, 3)[1], none.upper(), 1e-6);
        RejectionRate all = RejectionRate.of(new double[] {0.001, 0.002}, 0.05);
        assertEquals(1.0, all.rate(), 0);
        assertEquals(wilson(2, 2)[0], all.lower(), 1e-6);
        assertEquals(1, all.upper(), 1e-9);
    }

    @Test
    void badInputIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RejectionRate.of(new double[0], 0.05))
                .getMessage().contains("at least one p-value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RejectionRate.of(new double[] {1.5}, 0.05))
                .getMessage().contains("in [0, 1], got 1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RejectionRate.of(new double[] {0.5}, 1))
                .getMessage().contains("level must be between 0 and 1"));
    }

    /** Wilson's score interval written out: centre and half-width with z = 1.959964 (two-sided 95%). */
    private static double[] wilson(int k, int n) {
        double z = 1.959963984540054;
        double p = (double) k / n;
        double denominator = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] {centre - half, centre + half};
    }
}
