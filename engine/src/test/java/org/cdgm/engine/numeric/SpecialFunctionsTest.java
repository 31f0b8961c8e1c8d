package org.cdgm.engine.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.Digamma;
import org.nd4j.linalg.api.ops.custom.Lgamma;
import org.nd4j.linalg.factory.Nd4j;

class SpecialFunctionsTest {

    @Test
    void knownValues() {
        assertEquals(0.0, SpecialFunctions.lgamma(1.0), 1e-13);
        assertEquals(0.0, SpecialFunctions.lgamma(2.0), 1e-13);
        assertEquals(Math.log(0.5 * Math.sqrt(Math.PI)), SpecialFunctions.lgamma(1.5), 1e-13);
        assertEquals(Math.log(Math.sqrt(Math.PI)), SpecialFunctions.lgamma(0.5), 1e-13);
        double logFact20 = 0;
        for (int k = 2; k <= 20; k++) {
            logFact20 += Math.log(k);
        }
        assertEquals(logFact20, SpecialFunctions.lgamma(21.0), 1e-12);
        double eulerGamma = 0.5772156649015329;
        assertEquals(-eulerGamma, SpecialFunctions.digamma(1.0), 1e-13);
        assertEquals(-eulerGamma - 2 * Math.log(2), SpecialFunctions.digamma(0.5), 1e-13);
        assertEquals(-eulerGamma + 1 + 0.5 + 1.0 / 3, SpecialFunctions.digamma(4.0), 1e-13);
    }

    @Test
    void logFactorialFromTheTableAgreesWithTheSeries() {
        for (double k : new double[] {0, 1, 2, 7, 130, 16383, 16384, 50000}) {
            assertEquals(SpecialFunctions.lgamma(k + 1), SpecialFunctions.logFactorial(k),
                    1e-12 * Math.max(1, SpecialFunctions.lgamma(k + 1)), "k = " + k);
        }
    }

    @Test
    void digammaIsTheDerivativeOfLgamma() {
        for (double x : new double[] {0.03, 0.7, 2.5, 9.99, 10.0, 37.2, 1234.5}) {
            double h = 1e-5 * Math.max(1, x);
            double fd = (SpecialFunctions.lgamma(x + h) - SpecialFunctions.lgamma(x - h)) / (2 * h);
            assertEquals(fd, SpecialFunctions.digamma(x), 1e-7 * Math.max(1, Math.abs(fd)), "x = " + x);
        }
    }

    @Test
    void agreeWithNd4jOps() {
        double[] values = {0.2, 1.0, 3.5, 12.0, 250.0, 4000.5};
        INDArray a = Nd4j.createFromArray(values);
        INDArray refLg = Nd4j.exec(new Lgamma(a))[0];
        INDArray refDg = Nd4j.exec(new Digamma(a))[0];
        for (int i = 0; i < values.length; i++) {
            double lg = refLg.getDouble(i);
            double dg = refDg.getDouble(i);
            assertEquals(lg, SpecialFunctions.lgamma(values[i]), 1e-10 * Math.max(1, Math.abs(lg)));
            assertEquals(dg, SpecialFunctions.digamma(values[i]), 1e-10 * Math.max(1, Math.abs(dg)));
        }
    }
}
