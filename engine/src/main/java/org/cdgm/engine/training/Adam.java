package org.cdgm.engine.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Adam (Kingma and Ba 2015) on one flat parameter vector: a handful of whole-vector operations per step. */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final INDArray m;
    private final INDArray v;
    private long t;

    public Adam(double learningRate, INDArray like) {
        this.learningRate = learningRate;
        this.m = like.ulike().assign(0);
        this.v = like.ulike().assign(0);
    }

    /** params -= lr * mHat / (sqrt(vHat) + eps). */
    public void step(INDArray params, INDArray grad) {
        t++;
        m.muli(BETA1).addi(grad.mul(1 - BETA1));
        v.muli(BETA2).addi(grad.mul(grad).muli(1 - BETA2));
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
        INDArray denom = Transforms.sqrt(v, true).addi(EPS * Math.sqrt(1 - Math.pow(BETA2, t)));
        params.subi(m.div(denom).muli(stepSize));
    }
}
