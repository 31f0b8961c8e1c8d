package org.cdgm.engine.model.distributions;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The standard normal draws of one reparameterised step. Drawn from the fit's seeded generator in Java, so a
 * step is a deterministic function of (parameters, batch, noise): gradient checks fix it, training replays it.
 */
public record Noise(INDArray sharedBackground, INDArray salientBackground, INDArray sharedTarget,
                    INDArray salientTarget) {

    public static Noise draw(SplittableRandom rng, long nBackground, long nTarget, int kz, int kt, DataType dtype,
                             boolean withSalientBackground) {
        return new Noise(matrix(rng, nBackground, kz, dtype),
                withSalientBackground ? matrix(rng, nBackground, kt, dtype) : null,
                matrix(rng, nTarget, kz, dtype), matrix(rng, nTarget, kt, dtype));
    }

    /** All-zero noise: codes equal posterior means (embedding, deterministic evaluation). */
    public static Noise zeros(long nBackground, long nTarget, int kz, int kt, DataType dtype,
                              boolean withSalientBackground) {
        return new Noise(Nd4j.zeros(dtype, nBackground, kz),
                withSalientBackground ? Nd4j.zeros(dtype, nBackground, kt) : null,
                Nd4j.zeros(dtype, nTarget, kz), Nd4j.zeros(dtype, nTarget, kt));
    }

    private static INDArray matrix(SplittableRandom rng, long rows, int cols, DataType dtype) {
        return Nd4j.createFromArray(Gaussians.matrix(rng, (int) rows, cols)).castTo(dtype);
    }
}
