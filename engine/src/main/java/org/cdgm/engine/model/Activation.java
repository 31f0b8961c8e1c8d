package org.cdgm.engine.model;

import org.cdgm.engine.numeric.HostBuffer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Hidden-layer nonlinearity. RELU and LEAKY_RELU make the decoder piecewise affine, the condition under which
 * Lopez et al. (CLeaR 2024) prove the latent blocks identifiable; TANH is smooth and is offered to reproduce the
 * non-identifiable case.
 */
public enum Activation {
    RELU,
    LEAKY_RELU,
    TANH;

    /** Negative slope of LEAKY_RELU. */
    public static final double LEAKY_SLOPE = 0.2;

    /** Returns the activated copy of {@code pre}. */
    public INDArray apply(INDArray pre) {
        switch (this) {
            case RELU:
                return Transforms.relu(pre, true);
            case LEAKY_RELU:
                return Transforms.leakyRelu(pre, LEAKY_SLOPE, true);
            case TANH:
                return Transforms.tanh(pre, true);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Gradient with respect to the pre-activation, given the upstream gradient and the forward values: one Java
     * pass (as ND4J operations a comparison, a cast and a product per layer).
     */
    public INDArray backward(INDArray dOut, INDArray pre, INDArray out) {
        double[] d = HostBuffer.read(dOut);
        double[] v = HostBuffer.read(this == TANH ? out : pre);
        // one loop per kind, without a branch on the kind inside, so that the JIT can vectorise it
        switch (this) {
            case RELU:
                for (int i = 0; i < d.length; i++) {
                    d[i] = v[i] > 0 ? d[i] : 0;
                }
                break;
            case LEAKY_RELU:
                for (int i = 0; i < d.length; i++) {
                    d[i] = v[i] > 0 ? d[i] : LEAKY_SLOPE * d[i];
                }
                break;
            case TANH:
                for (int i = 0; i < d.length; i++) {
                    d[i] *= 1 - v[i] * v[i];
                }
                break;
            default:
                throw new AssertionError(this);
        }
        return HostBuffer.matrix(d, dOut.dataType(), dOut.rows(), dOut.columns());
    }
}
