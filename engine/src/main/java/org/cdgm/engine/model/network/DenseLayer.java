package org.cdgm.engine.model.network;

import org.cdgm.engine.model.parameters.ParamRef;
import org.cdgm.engine.numeric.Gemm;

import org.nd4j.linalg.api.ndarray.INDArray;

/** An affine map {@code x W + b}; its weights live in a flat parameter vector (see {@link ParamRef}). */
public final class DenseLayer {
    private final ParamRef weight;
    private final ParamRef bias;

    public DenseLayer(ParamRef weight, ParamRef bias) {
        if (weight.cols() != bias.cols() || bias.rows() != 1) {
            throw new IllegalArgumentException("Bias " + bias + " does not fit weight " + weight);
        }
        this.weight = weight;
        this.bias = bias;
    }

    public ParamRef weight() {
        return weight;
    }

    public ParamRef bias() {
        return bias;
    }

    public long outputSize() {
        return weight.cols();
    }

    public INDArray forward(INDArray params, INDArray x) {
        return Gemm.times(x, false, weight.in(params), false).addiRowVector(bias.in(params));
    }

    /**
     * Accumulates this layer's parameter gradient into {@code grad} (same layout as params) and returns the
     * gradient with respect to the input, or null when {@code needInputGrad} is false.
     */
    public INDArray backward(INDArray params, INDArray grad, INDArray x, INDArray dPre, boolean needInputGrad) {
        Gemm.gemm(x, true, dPre, false, weight.in(grad), 1.0, 1.0);
        Gemm.addColumnSums(dPre, bias.in(grad));
        return needInputGrad ? Gemm.times(dPre, false, weight.in(params), true) : null;
    }
}
