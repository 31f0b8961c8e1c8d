package org.cdgm.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A reparameterised draw {@code sample = mu + exp(logVar / 2) * eps} from a Gaussian posterior. */
public final class LatentSample {
    private final INDArray mu;
    private final INDArray logVar;
    private final INDArray eps;
    private final INDArray std;
    private final INDArray sample;

    public LatentSample(INDArray mu, INDArray logVar, INDArray eps) {
        this.mu = mu;
        this.logVar = logVar;
        this.eps = eps;
        this.std = Transforms.exp(logVar.mul(0.5), false);
        this.sample = std.mul(eps).addi(mu);
    }

    public INDArray mu() {
        return mu;
    }

    public INDArray logVar() {
        return logVar;
    }

    public INDArray eps() {
        return eps;
    }

    public INDArray std() {
        return std;
    }

    public INDArray sample() {
        return sample;
    }

    public long rows() {
        return mu.rows();
    }
}
