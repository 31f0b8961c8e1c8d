package org.cdgm.engine.model.network;

import org.cdgm.engine.numeric.HostBuffer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Amortised Gaussian posterior q(code | x) = N(mu(x), diag(exp(logVar(x)))). The trunk ends in one head of
 * width 2k (mean then log-variance) so both come out of a single matrix product.
 */
public final class GaussianEncoder {

    /** Forward values of one batch: posterior parameters plus the network cache. */
    public static final class Output {
        private final Mlp.Cache cache;
        private final INDArray mu;
        private final INDArray logVar;

        Output(Mlp.Cache cache, INDArray mu, INDArray logVar) {
            this.cache = cache;
            this.mu = mu;
            this.logVar = logVar;
        }

        public INDArray mu() {
            return mu;
        }

        public INDArray logVar() {
            return logVar;
        }
    }

    private final Mlp network;
    private final int latentDim;

    public GaussianEncoder(Mlp network, int latentDim) {
        if (network.layers().get(network.layers().size() - 1).outputSize() != 2L * latentDim) {
            throw new IllegalArgumentException("Encoder head must have 2 x " + latentDim + " outputs");
        }
        this.network = network;
        this.latentDim = latentDim;
    }

    /** Layer sizes for an encoder: input, hidden..., 2 x latent. */
    public static long[] sizes(long input, int[] hidden, int latentDim) {
        long[] s = new long[hidden.length + 2];
        s[0] = input;
        for (int i = 0; i < hidden.length; i++) {
            s[i + 1] = hidden[i];
        }
        s[s.length - 1] = 2L * latentDim;
        return s;
    }

    public int latentDim() {
        return latentDim;
    }

    public Mlp network() {
        return network;
    }

    public Output forward(INDArray params, INDArray x) {
        Mlp.Cache c = network.forward(params, x);
        INDArray out = c.output();
        // split the head [mu | logVar] into two dense arrays through one host copy
        int n = (int) out.rows();
        double[] head = HostBuffer.read(out);
        double[] mu = new double[n * latentDim];
        double[] logVar = new double[n * latentDim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(head, i * 2 * latentDim, mu, i * latentDim, latentDim);
            System.arraycopy(head, i * 2 * latentDim + latentDim, logVar, i * latentDim, latentDim);
        }
        return new Output(c, HostBuffer.matrix(mu, out.dataType(), n, latentDim),
                HostBuffer.matrix(logVar, out.dataType(), n, latentDim));
    }

    /** Back-propagates the gradient of the head's output [mu | logVar] (rows x 2k) into {@code grad}. */
    public void backward(INDArray params, INDArray grad, Output out, INDArray dHead) {
        network.backward(params, grad, out.cache, dHead, false);
    }
}
