package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientClipperTest {

    private static INDArray gradient(double norm) {
        return Nd4j.createFromArray(new double[] {0.6 * norm, 0.8 * norm});
    }

    @Test
    void aSpikeIsScaledDownToTheFactorTimesTheRunningNorm() {
        GradientClipper c = new GradientClipper(5);
        for (int i = 0; i < 50; i++) {
            INDArray g = gradient(2.0);
            assertEquals(2.0, c.clip(g, 2.0), 1e-12);
        }
        INDArray spike = gradient(1e6);
        double after = c.clip(spike, 1e6);
        assertEquals(10.0, after, 1e-9, "5 x the running norm 2");
        assertEquals(10.0, spike.norm2Number().doubleValue(), 1e-9, "scaled in place, direction kept");
        assertEquals(0.6, spike.getDouble(0) / 10.0, 1e-12);
        assertEquals(1, c.clippedSteps());
    }

    @Test
    void slowlyGrowingNormsAreNotClipped() {
        GradientClipper c = new GradientClipper(5);
        double norm = 1;
        for (int i = 0; i < 200; i++) {
            norm *= 1.02;
            c.clip(gradient(norm), norm);
        }
        assertEquals(0, c.clippedSteps());
    }

    @Test
    void factorZeroNeverClips() {
        GradientClipper c = new GradientClipper(0);
        c.clip(gradient(1), 1);
        INDArray spike = gradient(1e9);
        assertEquals(1e9, c.clip(spike, 1e9), 0);
        assertEquals(0, c.clippedSteps());
    }
}
