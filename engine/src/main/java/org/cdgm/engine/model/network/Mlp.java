package org.cdgm.engine.model.network;

import org.cdgm.engine.model.parameters.Initialiser;
import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.model.parameters.ParameterLayout;

import org.cdgm.engine.model.Activation;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stack of dense layers with a nonlinearity between them. Stateless apart from its parameter references:
 * {@link #forward} returns a {@link Cache} that {@link #backward} consumes, so the same network can be applied
 * to several batches in one step and back-propagated into different gradient buffers.
 */
public final class Mlp {

    /** Parameter slots declared before the layout's offsets are known. */
    public static final class Plan {
        private final int[] weightSlots;
        private final int[] biasSlots;

        private Plan(int[] weightSlots, int[] biasSlots) {
            this.weightSlots = weightSlots;
            this.biasSlots = biasSlots;
        }

        /** Declares layers mapping sizes[0] -> sizes[1] -> ... -> sizes[n]: He-uniform weights, zero biases. */
        public static Plan declare(ParameterLayout.Builder b, String name, long[] sizes, ParameterGroup group) {
            if (sizes.length < 2) {
                throw new IllegalArgumentException(name + " needs at least an input and an output size");
            }
            int n = sizes.length - 1;
            int[] w = new int[n];
            int[] bi = new int[n];
            for (int i = 0; i < n; i++) {
                w[i] = b.add(name + "." + i + ".W", sizes[i], sizes[i + 1], group, Initialiser.heUniform());
                bi[i] = b.add(name + "." + i + ".b", 1, sizes[i + 1], group, Initialiser.zeros());
            }
            return new Plan(w, bi);
        }

        public Mlp resolve(ParameterLayout layout, Activation activation, boolean activateLast) {
            List<DenseLayer> layers = new ArrayList<>();
            for (int i = 0; i < weightSlots.length; i++) {
                layers.add(new DenseLayer(layout.ref(weightSlots[i]), layout.ref(biasSlots[i])));
            }
            return new Mlp(layers, activation, activateLast);
        }
    }

    /** Values kept from the forward pass for the backward pass. */
    public static final class Cache {
        final INDArray[] inputs;
        final INDArray[] pre;
        final INDArray output;

        Cache(INDArray[] inputs, INDArray[] pre, INDArray output) {
            this.inputs = inputs;
            this.pre = pre;
            this.output = output;
        }

        public INDArray output() {
            return output;
        }
    }

    private final List<DenseLayer> layers;
    private final Activation activation;
    private final boolean activateLast;

    private Mlp(List<DenseLayer> layers, Activation activation, boolean activateLast) {
        this.layers = List.copyOf(layers);
        this.activation = activation;
        this.activateLast = activateLast;
    }

    public List<DenseLayer> layers() {
        return layers;
    }

    private boolean activated(int i) {
        return i < layers.size() - 1 || activateLast;
    }

    public Cache forward(INDArray params, INDArray x) {
        int n = layers.size();
        INDArray[] inputs = new INDArray[n];
        INDArray[] pre = new INDArray[n];
        INDArray h = x;
        for (int i = 0; i < n; i++) {
            inputs[i] = h;
            pre[i] = layers.get(i).forward(params, h);
            h = activated(i) ? activation.apply(pre[i]) : pre[i];
        }
        return new Cache(inputs, pre, h);
    }

    /**
     * Accumulates parameter gradients into {@code grad}; returns the gradient with respect to the network's
     * input when {@code needInputGrad}, else null.
     */
    public INDArray backward(INDArray params, INDArray grad, Cache cache, INDArray dOut, boolean needInputGrad) {
        INDArray d = dOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            INDArray out = (i == layers.size() - 1) ? cache.output : cache.inputs[i + 1];
            INDArray dPre = activated(i) ? activation.backward(d, cache.pre[i], out) : d;
            d = layers.get(i).backward(params, grad, cache.inputs[i], dPre, i > 0 || needInputGrad);
        }
        return d;
    }
}
