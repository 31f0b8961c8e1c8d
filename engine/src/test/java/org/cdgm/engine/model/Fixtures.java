package org.cdgm.engine.model;

import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.distributions.Gaussians;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small random inputs for model tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static ModelConfig tinyConfig(Likelihood lik, PriorKind prior) {
        return new ModelConfig(5, 2, 2, 6, 1, 1, Activation.RELU, lik, prior, 3, Precision.FLOAT64);
    }

    /** Random cells: Gaussian values, or Poisson-like counts for count likelihoods. */
    public static CellBatch batch(Likelihood lik, int rows, int genes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[rows][genes];
        for (double[] row : x) {
            for (int j = 0; j < genes; j++) {
                row[j] = lik.isCount() ? (double) rng.nextInt(12) : Gaussians.next(rng);
            }
            if (lik.isCount()) {
                row[0] += 1; // no empty cell
            }
        }
        INDArray a = Nd4j.createFromArray(x).castTo(DataType.DOUBLE);
        return CellBatch.withObservedLibrary(a);
    }
}
