package org.cdgm.engine.model.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link ParameterLayout#initialValues}: declared initialisers, called in declaration order on one generator. */
class InitialValuesTest {

    @Test
    void initialisersDrawInDeclarationOrderNotOffsetOrder() {
        ParameterLayout.Builder b = new ParameterLayout.Builder();
        b.add("late", 1, 2, ParameterGroup.TARGET_ONLY, Initialiser.uniform(1.0)); // placed after "early"
        b.add("zero", 1, 3, ParameterGroup.SHARED);
        b.add("early", 2, 1, ParameterGroup.SHARED, Initialiser.uniform(3.0));
        b.add("five", 1, 1, ParameterGroup.TARGET_ONLY, Initialiser.constant(5));
        ParameterLayout layout = b.build();
        double[] v = layout.initialValues(17);
        SplittableRandom rng = new SplittableRandom(17);
        int late = (int) layout.ref("late").offset();
        int early = (int) layout.ref("early").offset();
        assertTrue(early < late);
        assertEquals((2 * rng.nextDouble() - 1), v[late], 0);
        assertEquals((2 * rng.nextDouble() - 1), v[late + 1], 0);
        assertEquals((2 * rng.nextDouble() - 1) * 3.0, v[early], 0);
        assertEquals((2 * rng.nextDouble() - 1) * 3.0, v[early + 1], 0);
        assertEquals(5.0, v[(int) layout.ref("five").offset()], 0);
        for (int j = 0; j < 3; j++) {
            assertEquals(0.0, v[(int) layout.ref("zero").offset() + j], 0);
        }
    }

    @Test
    void heUniformStaysWithinTheFanInBound() {
        double[] w = new double[400 * 3];
        Initialiser.heUniform().fill(w, 400, new SplittableRandom(2));
        double limit = Math.sqrt(6.0 / 400);
        double max = 0;
        for (double x : w) {
            assertTrue(Math.abs(x) <= limit);
            max = Math.max(max, Math.abs(x));
        }
        assertTrue(max > 0.9 * limit, "draws spread over the range");
    }
}
