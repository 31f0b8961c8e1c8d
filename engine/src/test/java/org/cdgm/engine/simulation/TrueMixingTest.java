package org.cdgm.engine.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.model.Likelihood;
import org.junit.jupiter.api.Test;

class TrueMixingTest {
    /** No noise, so the data are the noiseless standardised expression itself (as floats). */
    private final SimulationSettings noiseless = new SimulationSettings(40, 60, 9, 2, 3, 3, 2, Likelihood.GAUSSIAN, 0,
            500, 5, 21);

    @Test
    void effectIsZeroForEveryGeneWithoutSalientCode() {
        SimulatedData d = Simulator.simulate(noiseless);
        for (double[] z : d.targetShared()) {
            double[] effect = d.mixing().salientEffect(z, new double[3]);
            for (double e : effect) {
                assertEquals(0.0, e, 0.0);
            }
        }
    }

    @Test
    void expressionIsTheDataWithoutNoise() {
        SimulatedData d = Simulator.simulate(noiseless);
        CellMatrix target = d.dataset().target().matrix();
        CellMatrix background = d.dataset().background().matrix();
        for (int i = 0; i < target.cells(); i++) {
            double[] f = d.mixing().expression(d.targetShared()[i], d.targetSalient()[i]);
            for (int g = 0; g < f.length; g++) {
                assertEquals(target.get(i, g), f[g], 1e-5, "target cell " + i + " gene " + g);
            }
        }
        for (int i = 0; i < background.cells(); i++) {
            double[] f = d.mixing().expression(d.backgroundShared()[i], new double[3]);
            for (int g = 0; g < f.length; g++) {
                assertEquals(background.get(i, g), f[g], 1e-5, "background cell " + i + " gene " + g);
            }
        }
    }

    @Test
    void effectOfOneCellEqualsADirectRecomputation() {
        // the truth does not depend on the noise: noisy data, the default noise scale
        SimulatedData d = Simulator.simulate(new SimulationSettings(40, 60, 9, 2, 3, 3, 2, Likelihood.GAUSSIAN, 0.1,
                500, 5, 21));
        int cell = 17;
        double[] z = d.targetShared()[cell];
        double[] t = d.targetSalient()[cell];
        TrueMixing m = d.mixing();
        double[] full = network(m.layers(), new double[] {z[0], z[1], t[0], t[1], t[2]});
        double[] bg = network(m.layers(), new double[] {z[0], z[1], 0, 0, 0});
        double[] effect = d.trueSalientEffect()[cell];
        assertEquals(9, effect.length);
        boolean someNonZero = false;
        for (int g = 0; g < 9; g++) {
            double expected = (full[g] - m.geneMean()[g]) / m.geneScale()[g]
                    - (bg[g] - m.geneMean()[g]) / m.geneScale()[g];
            assertEquals(expected, effect[g], 1e-12, "gene " + g);
            someNonZero |= Math.abs(effect[g]) > 1e-3;
        }
        assertTrue(someNonZero, "a target cell's salient code moves some gene");
        assertEquals(60, d.trueSalientEffect().length);
    }

    @Test
    void scaleIsTheGenesStandardDeviationOverAllCells() {
        SimulatedData d = Simulator.simulate(noiseless);
        TrueMixing m = d.mixing();
        for (int g = 0; g < 9; g++) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (double[] z : d.backgroundShared()) {
                double v = network(m.layers(), new double[] {z[0], z[1], 0, 0, 0})[g];
                sum += v;
                sq += v * v;
                n++;
            }
            for (int i = 0; i < d.targetShared().length; i++) {
                double[] z = d.targetShared()[i];
                double[] t = d.targetSalient()[i];
                double v = network(m.layers(), new double[] {z[0], z[1], t[0], t[1], t[2]})[g];
                sum += v;
                sq += v * v;
                n++;
            }
            double mean = sum / n;
            assertEquals(mean, m.geneMean()[g], 1e-9);
            assertEquals(Math.sqrt(sq / n - mean * mean), m.geneScale()[g], 1e-9);
        }
    }

    @Test
    void wrongCodeSizesAreRefused() {
        TrueMixing m = Simulator.simulate(noiseless).mixing();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.salientEffect(new double[2], new double[2]));
        assertTrue(e.getMessage().contains("takes 5 inputs (k_z + k_t), got 2 + 2"), e.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new TrueMixing(m.layers(), new double[8], new double[9]));
        assertTrue(shape.getMessage().contains("9 outputs but there are 8 gene means"), shape.getMessage());
    }

    /** The leaky-ReLU network written out again: bias as the last row, slope 0.2 below zero, none at the end. */
    private static double[] network(List<double[][]> layers, double[] input) {
        double[] h = input;
        for (int l = 0; l < layers.size(); l++) {
            double[][] w = layers.get(l);
            int outputs = w[0].length;
            double[] out = new double[outputs];
            for (int j = 0; j < outputs; j++) {
                double s = w[h.length][j];
                for (int i = 0; i < h.length; i++) {
                    s += h[i] * w[i][j];
                }
                out[j] = l < layers.size() - 1 && s < 0 ? 0.2 * s : s;
            }
            h = out;
        }
        return h;
    }
}
