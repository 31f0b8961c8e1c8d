package org.cdgm.engine.model.parameters;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How one parameter gets its initial values, declared with it ({@link ParameterLayout.Builder#add(String, long, long,
 * ParameterGroup, Initialiser)}). {@link ParameterLayout#initialValues(long)} calls the initialisers in layout order
 * on one generator, so a seed gives the same vector as long as the layout and each initialiser's draws stay the same.
 */
@FunctionalInterface
public interface Initialiser {

    /**
     * Writes the initial values of one parameter.
     *
     * @param values rows x cols values in C order, all zero on entry; to be overwritten
     * @param rows   the parameter's rows (the fan-in of a weight matrix)
     * @param rng    the model's initialisation generator; draw from it only as many numbers as needed, always in the
     *               same order
     */
    void fill(double[] values, long rows, SplittableRandom rng);

    /** All zeros, no draws: biases, Gaussian log-variances, mixture logits. */
    static Initialiser zeros() {
        return (values, rows, rng) -> { };
    }

    /** Every value {@code v}, no draws. */
    static Initialiser constant(double v) {
        return (values, rows, rng) -> Arrays.fill(values, v);
    }

    /** Independent U(-halfWidth, halfWidth) draws, one per value in C order. */
    static Initialiser uniform(double halfWidth) {
        return (values, rows, rng) -> {
            for (int i = 0; i < values.length; i++) {
                values[i] = (2 * rng.nextDouble() - 1) * halfWidth;
            }
        };
    }

    /**
     * He-uniform for a rows x cols weight matrix feeding ReLU-like units: U(-sqrt(6 / rows), sqrt(6 / rows)) (He et
     * al., ICCV 2015, with the uniform form of Glorot and Bengio 2010).
     */
    static Initialiser heUniform() {
        return (values, rows, rng) -> uniform(Math.sqrt(6.0 / rows)).fill(values, rows, rng);
    }
}
