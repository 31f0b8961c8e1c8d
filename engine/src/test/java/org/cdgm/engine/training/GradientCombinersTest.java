package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The two built-in combiners on hand-made gradients (layout: 2 shared parameters, then 1 target-only). */
class GradientCombinersTest {
    private static final ParameterLayout LAYOUT = layout();

    private static ParameterLayout layout() {
        ParameterLayout.Builder b = new ParameterLayout.Builder();
        b.add("shared", 1, 2, ParameterGroup.SHARED);
        b.add("targetOnly", 1, 1, ParameterGroup.TARGET_ONLY);
        return b.build();
    }

    private static INDArray v(double... x) {
        return Nd4j.createFromArray(x).reshape(1, x.length);
    }

    /** As back-propagation does: each part adds its gradient into its buffer. */
    private static void fill(GradientBuffers g, INDArray b, INDArray t, INDArray r) {
        g.background().addi(b);
        g.target().addi(t);
        g.regulariser().addi(r);
    }

    @Test
    void weightedSumDirectionIsTheSumOfTheParts() {
        GradientBuffers g = new WeightedSum().buffers(LAYOUT, DataType.DOUBLE);
        assertTrue(g.isShared());
        fill(g, v(1, 2, 3), v(10, 20, 30), v(0.5, -1, 0));
        GradientCombiner.Combination c = new WeightedSum().combine(g);
        assertEquals(v(11.5, 21, 33), g.direction());
        assertEquals(Math.sqrt(11.5 * 11.5 + 21 * 21 + 33 * 33), c.norm(), 1e-12);
        assertTrue(Double.isNaN(c.alpha()), "a sum has no alpha");
        assertFalse(new WeightedSum().multiObjective());
    }

    @Test
    void weightedSumRefusesSeparateBuffers() {
        GradientBuffers separate = GradientBuffers.separate(LAYOUT, DataType.DOUBLE);
        assertThrows(IllegalArgumentException.class, () -> new WeightedSum().combine(separate));
    }

    @Test
    void mgdaFindsTheMinNormAlphaOnTheSharedPartAndSumsTheTargetOnlyPart() {
        Mgda mgda = new Mgda();
        GradientBuffers g = mgda.buffers(LAYOUT, DataType.DOUBLE);
        assertFalse(g.isShared());
        assertNotSame(g.background(), g.regulariser());
        assertNotSame(g.target(), g.direction());
        // shared: g_b = (2, 0), g_t = (0, 1): alpha = ((g_t - g_b) . g_t) / |g_b - g_t|^2 = 1 / 5
        fill(g, v(2, 0, 3), v(0, 1, 4), v(0.1, 0.2, 0.3));
        GradientCombiner.Combination c = mgda.combine(g);
        assertEquals(0.2, c.alpha(), 1e-12);
        // shared: 0.2 (2, 0) + 0.8 (0, 1) + (0.1, 0.2); target-only: 3 + 4 + 0.3
        INDArray expected = v(0.5, 1.0, 7.3);
        assertEquals(0, expected.sub(g.direction()).norm2Number().doubleValue(), 1e-12);
        assertEquals(Math.sqrt(0.25 + 1 + 7.3 * 7.3), c.norm(), 1e-12);
        assertEquals(v(2, 0, 3), g.background(), "the parts are read, not overwritten");
        assertTrue(mgda.multiObjective());
    }

    @Test
    void mgdaReportsADivergedGradientAsANonFiniteNorm() {
        Mgda mgda = new Mgda();
        GradientBuffers g = mgda.buffers(LAYOUT, DataType.DOUBLE);
        fill(g, v(Double.NaN, 0, 0), v(0, 1, 0), v(0, 0, 0));
        assertFalse(Double.isFinite(mgda.combine(g).norm()));
    }
}
