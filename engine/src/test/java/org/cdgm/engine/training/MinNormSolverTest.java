package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MinNormSolverTest {

    private static INDArray v(double... x) {
        return Nd4j.createFromArray(x).reshape(1, x.length);
    }

    @Test
    void orthogonalUnitGradientsAreWeightedEqually() {
        // ((g_t - g_b) . g_t) / |g_b - g_t|^2 = ((-1, 1) . (0, 1)) / 2 = 0.5
        assertEquals(0.5, MinNormSolver.alpha(v(1, 0), v(0, 1)), 1e-12);
    }

    @Test
    void alignedGradientsPickTheShorterOne() {
        // g_t = 2 g_b: alpha = (g_b . 2 g_b) / |g_b|^2 = 2 -> clipped to 1 (all weight on the shorter g_b)
        assertEquals(1.0, MinNormSolver.alpha(v(1, 0), v(2, 0)), 1e-12);
        // g_b = 2 g_t: alpha = (-g_t . g_t) / |g_t|^2 = -1 -> clipped to 0 (all weight on the shorter g_t)
        assertEquals(0.0, MinNormSolver.alpha(v(2, 0), v(1, 0)), 1e-12);
    }

    @Test
    void handComputedObtuseCase() {
        // g_b = (1, 1), g_t = (1, -1): ((0, -2) . (1, -1)) / |(0, 2)|^2 = 2 / 4 = 0.5 -> direction (1, 0)
        assertEquals(0.5, MinNormSolver.alpha(v(1, 1), v(1, -1)), 1e-12);
        // g_b = (3, 1), g_t = (1, 2): g_t - g_b = (-2, 1); (-2 + 2) / 5 = 0
        assertEquals(0.0, MinNormSolver.alpha(v(3, 1), v(1, 2)), 1e-12);
        // g_b = (2, 0), g_t = (0, 1): (( -2, 1) . (0, 1)) / 5 = 0.2
        assertEquals(0.2, MinNormSolver.alpha(v(2, 0), v(0, 1)), 1e-12);
    }

    @Test
    void tinyGradientsAreNotIdenticalJustBecauseTheyAreSmall() {
        // |g| ~ 1e-11: |g_b - g_t|^2 ~ 1e-22, below any absolute cut-off; alpha must not depend on the scale
        for (double scale : new double[] {1e-11, 1e-6, 1, 1e8}) {
            assertEquals(0.2, MinNormSolver.alpha(v(2 * scale, 0), v(0, scale)), 1e-9, "scale " + scale);
            assertEquals(1.0, MinNormSolver.alpha(v(scale, 0), v(2 * scale, 0)), 1e-9, "scale " + scale);
        }
        // equal up to float rounding: identical
        assertEquals(0.5, MinNormSolver.alpha(v(1, 2, 3), v(1, 2, 3 + 1e-7)), 1e-12);
        assertEquals(0.5, MinNormSolver.alpha(v(0, 0), v(0, 0)), 1e-12);
    }

    @Test
    void identicalGradientsGiveOneHalf() {
        assertEquals(0.5, MinNormSolver.alpha(v(1, 2, 3), v(1, 2, 3)), 1e-12);
    }

    @Test
    void alphaMinimisesTheCombinedNormOverAGrid() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] b = new double[4];
            double[] t = new double[4];
            for (int i = 0; i < 4; i++) {
                b[i] = rng.nextDouble() * 2 - 1;
                t[i] = rng.nextDouble() * 2 - 1;
            }
            double a = MinNormSolver.alpha(v(b), v(t));
            double best = norm(b, t, a);
            for (double g = 0; g <= 1.0; g += 0.001) {
                assertTrue(best <= norm(b, t, g) + 1e-9, "alpha " + a + " is not the min-norm point");
            }
        }
    }

    private static double norm(double[] b, double[] t, double a) {
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            double d = a * b[i] + (1 - a) * t[i];
            s += d * d;
        }
        return s;
    }

    @Test
    void longGradientsAndTheDirectionCombinesSharedAndTargetOnlyParts() {
        int n = 20_000;
        double[] b = new double[n];
        double[] t = new double[n];
        double[] r = new double[n];
        double bb = 0;
        double tt = 0;
        double bt = 0;
        for (int i = 0; i < n; i++) {
            b[i] = Math.cos(0.37 * i);
            t[i] = Math.sin(0.11 * i) + 0.3;
            r[i] = 1e-3 * (i % 5);
            bb += b[i] * b[i];
            tt += t[i] * t[i];
            bt += b[i] * t[i];
        }
        double alpha = MinNormSolver.alpha(v(b), v(t));
        assertEquals(MinNormSolver.alpha(bb, tt, bt), alpha, 1e-12);
        assertTrue(alpha > 0 && alpha < 1, "an interior alpha exercises both weights: " + alpha);
        int shared = 12_345;
        ParameterLayout.Builder builder = new ParameterLayout.Builder();
        builder.add("targetOnly", 1, n - shared, ParameterGroup.TARGET_ONLY);
        builder.add("shared", 1, shared, ParameterGroup.SHARED);
        ParameterLayout layout = builder.build();
        INDArray out = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, n);
        double squaredNorm = Mgda.direction(layout, v(b), v(t), v(r), alpha, out);
        double expectedNorm = 0;
        for (int i = 0; i < n; i++) {
            double d = (i < shared ? alpha * b[i] + (1 - alpha) * t[i] : b[i] + t[i]) + r[i];
            expectedNorm += d * d;
            if (i % 1000 == 0 || i == shared - 1 || i == shared) {
                assertEquals(d, out.getDouble(0, i), 1e-12, "element " + i);
            }
        }
        assertEquals(expectedNorm, squaredNorm, 1e-9 * expectedNorm);
    }
}
