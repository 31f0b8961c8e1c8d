package org.cdgm.engine.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Likelihood;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The simulator's mixing activation: the default (leaky ReLU) draws exactly the data it drew before the setting
 * existed, a smooth (tanh) mixing network draws other data from the same random numbers.
 */
class MixingActivationTest {
    private static final SimulationSettings SMALL = new SimulationSettings(40, 30, 10, 2, 2, 3, 2,
            Likelihood.GAUSSIAN, 0.1, 500, 5, 11);

    /**
     * SHA-256 of the data (both matrices) and the true latents drawn by the simulator before the mixing activation
     * was a setting (commit eeeb1da), per noise: the default must keep drawing them bit for bit.
     */
    @ParameterizedTest
    @EnumSource(value = Likelihood.class, names = {"GAUSSIAN", "POISSON", "NEGATIVE_BINOMIAL"})
    void defaultDrawsTheSameDataAsBeforeTheSetting(Likelihood noise) {
        String expected = switch (noise) {
            case GAUSSIAN -> "60136e40dbb2496e78ad34a0918275a67e0f628e2b94f737f3eb0abb404967c1";
            case POISSON -> "173788108f9059f6103991bb80a771c360812295170d613fcbe65a1713a508f9";
            case NEGATIVE_BINOMIAL -> "3885c1293dfc927ba0f935e30303a4a6dc086f76dc42888f98de8cb12421f8cc";
            default -> throw new AssertionError("no fingerprint from before the setting for " + noise);
        };
        SimulationSettings s = SMALL.withNoise(noise);
        assertEquals(Activation.LEAKY_RELU, s.mixingActivation());
        assertEquals(expected, fingerprint(Simulator.simulate(s)));
        assertEquals(Activation.LEAKY_RELU, SimulationSettings.defaults().mixingActivation());
    }

    @Test
    void tanhMixingChangesTheDataButNotTheLatents() {
        SimulatedData relu = Simulator.simulate(SMALL);
        SimulatedData tanh = Simulator.simulate(SMALL.withMixingActivation(Activation.TANH));
        assertEquals(Activation.TANH, tanh.mixing().activation());
        // the same random numbers: the same latent codes, other expression
        assertArrayEquals(relu.targetSalient()[3], tanh.targetSalient()[3], 0);
        assertArrayEquals(relu.backgroundShared()[7], tanh.backgroundShared()[7], 0);
        assertNotEquals(fingerprint(relu), fingerprint(tanh));
        CellMatrix m = tanh.dataset().target().matrix();
        double[] f = tanh.mixing().expression(tanh.targetShared()[0], tanh.targetSalient()[0]);
        for (int j = 0; j < f.length; j++) {
            // Gaussian noise of sd 0.1 on the noiseless expression: the truth describes the tanh data
            assertEquals(f[j], m.get(0, j), 0.6, "gene " + j);
        }
    }

    @Test
    void tanhNetworkIsSmoothAndReluNetworkIsPiecewiseAffine() {
        SimulatedData relu = Simulator.simulate(SMALL);
        SimulatedData tanh = Simulator.simulate(SMALL.withMixingActivation(Activation.TANH));
        // second differences along a line through code space: 0 almost everywhere for a piecewise affine map
        int kinked = 0;
        int curved = 0;
        for (int i = 0; i < 200; i++) {
            double x = -3 + 6 * i / 200.0;
            kinked += secondDifference(relu.mixing(), x) > 1e-9 ? 1 : 0;
            curved += secondDifference(tanh.mixing(), x) > 1e-9 ? 1 : 0;
        }
        assertTrue(kinked < 40, "leaky ReLU bends only at a few points: " + kinked);
        assertEquals(200, curved, "tanh bends everywhere");
    }

    @Test
    void reluMixingIsRefusedAsNotInjective() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SMALL.withMixingActivation(Activation.RELU));
        assertTrue(e.getMessage().contains("'mixing activation'"), e.getMessage());
    }

    private static double secondDifference(TrueMixing mixing, double x) {
        double h = 1e-3;
        double[] a = mixing.expression(new double[] {x - h, 0.3}, new double[] {0.5, -0.2});
        double[] b = mixing.expression(new double[] {x, 0.3}, new double[] {0.5, -0.2});
        double[] c = mixing.expression(new double[] {x + h, 0.3}, new double[] {0.5, -0.2});
        double max = 0;
        for (int j = 0; j < a.length; j++) {
            max = Math.max(max, Math.abs(a[j] - 2 * b[j] + c[j]) / (h * h) * 1e-6);
        }
        return max;
    }

    static String fingerprint(SimulatedData d) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(8);
            for (CellMatrix m : new CellMatrix[] {d.dataset().background().matrix(), d.dataset().target().matrix()}) {
                for (int i = 0; i < m.cells(); i++) {
                    for (int j = 0; j < m.genes(); j++) {
                        sha.update(buf.clear().putDouble(m.get(i, j)).array());
                    }
                }
            }
            for (double[][] block : new double[][][] {d.backgroundShared(), d.targetShared(), d.targetSalient()}) {
                for (double[] row : block) {
                    for (double v : row) {
                        sha.update(buf.clear().putDouble(v).array());
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
