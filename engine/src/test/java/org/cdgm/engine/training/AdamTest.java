package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
    void refusesMixedPrecision() {
        INDArray p = Nd4j.zeros(DataType.FLOAT, 1, 3);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Adam(0.1, p).step(p, Nd4j.ones(DataType.DOUBLE, 1, 3)));
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

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void matchesTheTextbookUpdateOnVectorsLongerThanOneChunk(DataType type) {
        double tol = type == DataType.FLOAT ? 1e-5 : 1e-12;
        int n = 20_000; // spans three chunks of the fused pass
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        double[] p0 = new double[n];
        for (int i = 0; i < n; i++) {
            p0[i] = rng.nextDouble() - 0.5;
        }
        INDArray p = Nd4j.createFromArray(p0).reshape(1, n).castTo(type);
        Adam adam = new Adam(0.01, p);
        double[] ref = p0.clone();
        double[] m = new double[n];
        double[] v = new double[n];
        for (int step = 1; step <= 3; step++) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = Math.sin(i + step) * (1 + i % 7);
            }
            adam.step(p, Nd4j.createFromArray(g).reshape(1, n).castTo(type));
            for (int i = 0; i < n; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(0.9, step));
                double vHat = v[i] / (1 - Math.pow(0.999, step));
                ref[i] -= 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        double[] got = p.castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < n; i += 997) {
            assertEquals(ref[i], got[i], tol, "coordinate " + i);
        }
        assertEquals(ref[n - 1], got[n - 1], tol);
    }

    @Test
    void aWarmUpFactorScalesTheStep() {
        org.nd4j.linalg.api.ndarray.INDArray full = org.nd4j.linalg.factory.Nd4j.createFromArray(1.0, -2.0);
        org.nd4j.linalg.api.ndarray.INDArray half = full.dup();
        org.nd4j.linalg.api.ndarray.INDArray grad = org.nd4j.linalg.factory.Nd4j.createFromArray(0.3, 0.7);
        new Adam(0.1, full).step(full, grad, 1.0);
        new Adam(0.1, half).step(half, grad, 0.5);
        // the first Adam step moves each parameter by lr (times the factor), whatever the gradient's size
        org.junit.jupiter.api.Assertions.assertEquals(1.0 - 0.1, full.getDouble(0), 1e-6);
        org.junit.jupiter.api.Assertions.assertEquals(1.0 - 0.05, half.getDouble(0), 1e-6);
        org.junit.jupiter.api.Assertions.assertEquals(-2.0 - 0.05, half.getDouble(1), 1e-6);
    }
}
