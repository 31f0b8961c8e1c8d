package org.cdgm.engine.model.distributions;

import org.cdgm.engine.numeric.SpecialFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CountShiftsTest {

    @Test
    void tabulatedAndSeriesShiftsAgreeWithDifferencesOfTheFunctions() {
        double[] thetas = {1e-3, 0.4, 5.0, 73.5, 1e6};
        CountShifts shifts = new CountShifts(thetas);
        for (int g = 0; g < thetas.length; g++) {
            double theta = thetas[g];
            assertEquals(0.0, shifts.lgamma(0, g), 0);
            assertEquals(0.0, shifts.digamma(0, g), 0);
            // 1-8 come from the table, the rest (and non-whole values) from the series
            for (double x : new double[] {1, 2, 7, 8, 9, 40, 1000, 2.5}) {
                double lg = SpecialFunctions.lgamma(x + theta) - SpecialFunctions.lgamma(theta);
                double dg = SpecialFunctions.digamma(x + theta) - SpecialFunctions.digamma(theta);
                String at = "x = " + x + ", theta = " + theta;
                assertEquals(lg, shifts.lgamma(x, g), 1e-9 * Math.max(1, Math.abs(lg)), at);
                assertEquals(dg, shifts.digamma(x, g), 1e-9 * Math.max(1, Math.abs(dg)), at);
            }
        }
    }
}
