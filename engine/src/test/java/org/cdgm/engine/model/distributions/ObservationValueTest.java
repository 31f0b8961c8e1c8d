package org.cdgm.engine.model.distributions;

import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.cdgm.engine.numeric.SpecialFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The likelihoods' values against their textbook formulas, term by term, on a small batch with zeros, small and
 * large counts and an empty cell (the gradient tests check derivatives, not constants).
 */
class ObservationValueTest {
    private static final double[][] COUNTS = {{0, 3, 12, 1}, {5, 0, 0, 40}, {0, 0, 0, 0}};
    private static final double[][] RHO = {{0.3, -1.2, 2.0, 0.1}, {1.5, 0.4, -0.7, 2.2}, {0.0, 0.5, -0.5, 1.0}};

    private static CellBatch batch() {
        return CellBatch.withObservedLibrary(Nd4j.createFromArray(COUNTS));
    }

    private static double[] softmax(double[] r) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : r) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[r.length];
        for (int j = 0; j < r.length; j++) {
            p[j] = Math.exp(r[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < r.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    private static double total(double[] row) {
        double s = 0;
        for (double v : row) {
            s += v;
        }
        return s;
    }

    @Test
    void negativeBinomialMatchesItsDensity() {
        ParameterLayout.Builder b = new ParameterLayout.Builder();
        int slot = b.add("logTheta", 1, 4, ParameterGroup.SHARED);
        ParameterLayout layout = b.build();
        double[] phi = {Math.log(0.5), Math.log(2.0), Math.log(7.0), Math.log(30.0)};
        INDArray params = Nd4j.createFromArray(phi).reshape(1, 4);
        double expected = 0;
        for (int i = 0; i < COUNTS.length; i++) {
            double[] p = softmax(RHO[i]);
            double l = total(COUNTS[i]);
            for (int j = 0; j < 4; j++) {
                double x = COUNTS[i][j];
                double theta = Math.exp(phi[j]);
                double mu = l * p[j];
                double logP = SpecialFunctions.lgamma(x + theta) - SpecialFunctions.lgamma(theta)
                        - SpecialFunctions.lgamma(x + 1) + theta * Math.log(theta / (theta + mu))
                        + (x == 0 ? 0 : x * Math.log(mu / (theta + mu)));
                expected -= logP;
            }
        }
        ObservationModel nb = new NegativeBinomialObservation(layout.ref(slot));
        double got = nb.evaluate(params, Nd4j.createFromArray(RHO), batch(), null, 1).meanNll();
        assertEquals(expected / COUNTS.length, got, 1e-9);
    }

    @Test
    void poissonMatchesItsDensity() {
        double expected = 0;
        for (int i = 0; i < COUNTS.length; i++) {
            double[] p = softmax(RHO[i]);
            double l = total(COUNTS[i]);
            for (int j = 0; j < 4; j++) {
                double x = COUNTS[i][j];
                double mu = l * p[j];
                expected -= (x == 0 ? 0 : x * Math.log(mu)) - mu - SpecialFunctions.lgamma(x + 1);
            }
        }
        double got = new PoissonObservation().evaluate(Nd4j.zeros(DataType.DOUBLE, 1, 1), Nd4j.createFromArray(RHO),
                batch(), null, 1).meanNll();
        assertEquals(expected / COUNTS.length, got, 1e-9);
    }

    @Test
    void gaussianMatchesItsDensity() {
        ParameterLayout.Builder b = new ParameterLayout.Builder();
        int slot = b.add("logVariance", 1, 4, ParameterGroup.SHARED);
        ParameterLayout layout = b.build();
        double[] s = {0.0, -0.5, 0.3, 1.2};
        double expected = 0;
        for (int i = 0; i < COUNTS.length; i++) {
            for (int j = 0; j < 4; j++) {
                double diff = COUNTS[i][j] - RHO[i][j];
                expected += 0.5 * (Math.log(2 * Math.PI) + s[j] + diff * diff / Math.exp(s[j]));
            }
        }
        ObservationModel g = new GaussianObservation(layout.ref(slot));
        double got = g.evaluate(Nd4j.createFromArray(s).reshape(1, 4), Nd4j.createFromArray(RHO), batch(), null, 1)
                .meanNll();
        assertEquals(expected / COUNTS.length, got, 1e-9);
    }
}
