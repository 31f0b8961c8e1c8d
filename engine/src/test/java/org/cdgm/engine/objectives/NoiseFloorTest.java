package org.cdgm.engine.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.cdgm.engine.model.network.LatentCodes;
import org.cdgm.engine.model.distributions.LatentSample;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A regulariser's noise floor is what its estimate reads on average when there is nothing to find: checked against
 * the mean of the estimate itself over many independent draws (a direct Monte Carlo of its expectation).
 */
class NoiseFloorTest {
    private static final int DRAWS = 600;

    /** Codes equal to standard normal draws (mu 0, log variance 0, eps the draw). */
    private static LatentSample normal(SplittableRandom rng, int n, int dim) {
        double[][] eps = new double[n][dim];
        for (double[] row : eps) {
            for (int j = 0; j < dim; j++) {
                row[j] = org.cdgm.engine.model.distributions.Gaussians.next(rng);
            }
        }
        INDArray e = Nd4j.createFromArray(eps).castTo(DataType.DOUBLE);
        return new LatentSample(e.ulike().assign(0), e.ulike().assign(0), e);
    }

    @Test
    void mmdBetweenTwoSamplesOfOneDistributionAveragesToItsNoiseFloor() {
        Mmd mmd = new Mmd(Mmd.Pair.SHARED_BACKGROUND_VS_TARGET, Double.NaN);
        SplittableRandom rng = new SplittableRandom(5);
        double value = 0;
        double floor = 0;
        for (int i = 0; i < DRAWS; i++) {
            LatentCodes c = new LatentCodes(normal(rng, 32, 3), null, normal(rng, 24, 3), normal(rng, 24, 2));
            value += mmd.evaluate(c, null, 1.0);
            floor += mmd.noiseFloor(c);
        }
        // expected about (1/32 + 1/24)(1 - mean kernel): about 0.04 here, far above 0
        assertEquals(value / DRAWS, floor / DRAWS, 0.05 * value / DRAWS, "mean estimate vs mean floor");
    }

    @Test
    void theFloorShrinksAsOneOverTheBatchSize() {
        Mmd mmd = new Mmd(Mmd.Pair.SHARED_BACKGROUND_VS_TARGET, Double.NaN);
        SplittableRandom rng = new SplittableRandom(6);
        double small = 0;
        double large = 0;
        for (int i = 0; i < 50; i++) {
            small += mmd.noiseFloor(new LatentCodes(normal(rng, 32, 3), null, normal(rng, 32, 3), null));
            large += mmd.noiseFloor(new LatentCodes(normal(rng, 128, 3), null, normal(rng, 128, 3), null));
        }
        assertEquals(4.0, small / large, 0.2);
    }

    @Test
    void hsicOfIndependentBlocksAveragesToItsNoiseFloor() {
        Hsic hsic = new Hsic(Double.NaN);
        SplittableRandom rng = new SplittableRandom(7);
        double value = 0;
        double floor = 0;
        for (int i = 0; i < DRAWS; i++) {
            LatentCodes c = new LatentCodes(normal(rng, 4, 2), null, normal(rng, 40, 2), normal(rng, 40, 2));
            value += hsic.evaluate(c, null, 1.0);
            floor += hsic.noiseFloor(c);
        }
        assertEquals(value / DRAWS, floor / DRAWS, 0.1 * value / DRAWS, "mean estimate vs mean floor");
    }

    @Test
    void compositeFloorIsTheSumOfItsTermsAndExactPenaltiesHaveNone() {
        SplittableRandom rng = new SplittableRandom(8);
        LatentCodes c = new LatentCodes(normal(rng, 20, 2), normal(rng, 20, 2), normal(rng, 20, 2),
                normal(rng, 20, 2));
        Regulariser mm = RegulariserKind.MM_CVAE.create(Double.NaN);
        double sum = new Mmd(Mmd.Pair.SHARED_BACKGROUND_VS_TARGET, Double.NaN).noiseFloor(c)
                + new Mmd(Mmd.Pair.SALIENT_BACKGROUND_VS_ZERO, Double.NaN).noiseFloor(c);
        assertEquals(sum, mm.noiseFloor(c), 1e-15);
        assertEquals(0.0, new SalientBackgroundPenalty().noiseFloor(c), 0);
    }
}
