package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

    @Test
    void firstStepMovesEachCoordinateByTheLearningRateAgainstTheGradientSign() {
        INDArray p = Nd4j.createFromArray(1.0, 2.0, -3.0).reshape(1, 3).castTo(DataType.DOUBLE);
        INDArray g = Nd4j.createFromArray(0.5, -40.0, 1e-3).reshape(1, 3).castTo(DataType.DOUBLE);
        new Adam(0.1, p).step(p, g);
        // bias-corrected m = g, v = g^2: step = lr * g / |g|
        assertEquals(0.9, p.getDouble(0, 0), 1e-6);
        assertEquals(2.1, p.getDouble(0, 1), 1e-6);
        assertEquals(-3.1, p.getDouble(0, 2), 1e-4);
    }

    @Test
    void minimisesAQuadratic() {
        INDArray p = Nd4j.createFromArray(5.0, -4.0).reshape(1, 2).castTo(DataType.DOUBLE);
        Adam adam = new Adam(0.05, p);
        for (int i = 0; i < 2000; i++) {
            adam.step(p, p.mul(2.0)); // gradient of |p|^2
        }
        assertEquals(0.0, p.norm2Number().doubleValue(), 1e-2);
    }
}
