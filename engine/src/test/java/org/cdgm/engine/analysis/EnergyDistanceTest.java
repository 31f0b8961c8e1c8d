package org.cdgm.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.cdgm.engine.data.InvalidInputException;
import org.junit.jupiter.api.Test;

class EnergyDistanceTest {

    @Test
    void matchesHandComputedOneDimensionalCase() {
        // x = {0, 1}, y = {3}: 2·(3 + 2)/2 − (0 + 1 + 1 + 0)/4 − 0 = 4.5
        assertEquals(4.5, EnergyDistance.between(new double[][] {{0}, {1}}, new double[][] {{3}}), 1e-12);
    }

    @Test
    void matchesDirectTripleLoopOnRandomInputs() {
        Random r = new Random(3);
        for (int rep = 0; rep < 20; rep++) {
            int d = 1 + r.nextInt(5);
            double[][] x = gaussian(r, 1 + r.nextInt(15), d, 0);
            double[][] y = gaussian(r, 1 + r.nextInt(15), d, r.nextDouble());
            assertEquals(direct(x, y), EnergyDistance.between(x, y), 1e-10);
            assertEquals(EnergyDistance.between(x, y), EnergyDistance.between(y, x), 1e-12);
        }
    }

    @Test
    void isZeroForTheSameSetAndSeesAChangeOfSpreadWithEqualMeans() {
        Random r = new Random(5);
        double[][] x = gaussian(r, 40, 2, 0);
        assertEquals(0, EnergyDistance.between(x, x.clone()), 1e-12);
        double[][] wide = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            wide[i] = new double[] {3 * x[i][0], 3 * x[i][1]};
        }
        // not a difference of means: the spread differs only
        assertTrue(EnergyDistance.between(x, wide) > 0.5, "E = " + EnergyDistance.between(x, wide));
    }

    @Test
    void refusesBadInputsNamingWhatIsWrong() {
        double[][] ok = {{0, 1}, {1, 2}};
        assertMessage("the first set of points: there are no cells", () -> EnergyDistance.between(new double[0][], ok));
        assertMessage("cell 2 has 1 coordinates but cell 1 has 2",
                () -> EnergyDistance.between(ok, new double[][] {{0, 1}, {1}}));
        assertMessage("(2 dimensions) with the second set of points (3 dimensions)",
                () -> EnergyDistance.between(ok, new double[][] {{0, 1, 2}}));
        assertMessage("cell 2, dimension 1 is NaN",
                () -> EnergyDistance.between(new double[][] {{0, 1}, {Double.NaN, 1}}, ok));
        assertMessage("cell 1, dimension 2 is Infinity",
                () -> EnergyDistance.between(ok, new double[][] {{0, Double.POSITIVE_INFINITY}}));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static double[][] gaussian(Random r, int n, int d, double shift) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian() + shift;
            }
        }
        return x;
    }

    /** The definition, loop by loop, coordinate by coordinate. */
    private static double direct(double[][] x, double[][] y) {
        double xy = 0;
        for (double[] p : x) {
            for (double[] q : y) {
                xy += norm(p, q);
            }
        }
        double xx = 0;
        for (double[] p : x) {
            for (double[] q : x) {
                xx += norm(p, q);
            }
        }
        double yy = 0;
        for (double[] p : y) {
            for (double[] q : y) {
                yy += norm(p, q);
            }
        }
        return 2 * xy / (x.length * y.length) - xx / (x.length * x.length) - yy / (y.length * y.length);
    }

    private static double norm(double[] p, double[] q) {
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += (p[k] - q[k]) * (p[k] - q[k]);
        }
        return Math.sqrt(s);
    }
}
