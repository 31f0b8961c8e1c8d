package org.cdgm.engine.simulation;

import java.util.List;

import org.cdgm.engine.model.Activation;

/**
 * The simulator's true, noiseless map from latent codes to genes: the random network (leaky ReLU or tanh) that
 * mixes [z | t] into every gene, followed by the per-gene standardisation the simulator applied (centre and scale over all cells
 * it drew). {@code f_std(z, t) = (net(z, t) - geneMean) / geneScale}; the data are f_std plus noise (Gaussian noise
 * adds to it; count noise uses it as log expression up to a per-cell constant).
 *
 * @param layers    weight matrices of the network, each (inputs + 1) x outputs with the bias as the last row; the
 *                  first takes k_z + k_t inputs (z first), the last has one output per gene; the activation
 *                  between layers, none after the last
 * @param geneMean  per gene the mean of net(z, t) over all simulated cells (background and target)
 * @param geneScale per gene the standard deviation of net(z, t) over all simulated cells (> 0)
 * @param activation the nonlinearity between layers: LEAKY_RELU (piecewise affine) or TANH (smooth)
 */
public record TrueMixing(List<double[][]> layers, double[] geneMean, double[] geneScale, Activation activation) {

    /** A leaky-ReLU network, the simulator's only kind before the mixing activation was a setting. */
    public TrueMixing(List<double[][]> layers, double[] geneMean, double[] geneScale) {
        this(layers, geneMean, geneScale, Activation.LEAKY_RELU);
    }

    /** @throws IllegalArgumentException when the layers do not chain or the gene arrays do not fit the last layer */
    public TrueMixing {
        layers = List.copyOf(layers);
        java.util.Objects.requireNonNull(activation, "activation");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("The mixing network needs at least one layer");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).length != layers.get(l - 1)[0].length + 1) {
                throw new IllegalArgumentException("Layer " + l + " takes " + (layers.get(l).length - 1)
                        + " inputs but layer " + (l - 1) + " gives " + layers.get(l - 1)[0].length);
            }
        }
        int genes = layers.get(layers.size() - 1)[0].length;
        if (geneMean.length != genes || geneScale.length != genes) {
            throw new IllegalArgumentException("The network has " + genes + " outputs but there are "
                    + geneMean.length + " gene means and " + geneScale.length + " gene scales");
        }
    }

    /** Genes the network writes. */
    public int genes() {
        return geneScale.length;
    }

    /** Inputs the network takes: k_z + k_t. */
    public int inputs() {
        return layers.get(0).length - 1;
    }

    /**
     * The noiseless standardised expression of one cell.
     *
     * @param z the cell's shared code (k_z)
     * @param t the cell's salient code (k_t; zeros for a background cell)
     * @return per gene f_std(z, t), in standard deviations of the gene over all simulated cells
     * @throws IllegalArgumentException when k_z + k_t is not the network's input size
     */
    public double[] expression(double[] z, double[] t) {
        if (z.length + t.length != inputs()) {
            throw new IllegalArgumentException("The mixing network takes " + inputs() + " inputs (k_z + k_t), got "
                    + z.length + " + " + t.length);
        }
        double[] f = network(layers, activation, concat(z, t));
        for (int j = 0; j < f.length; j++) {
            f[j] = (f[j] - geneMean[j]) / geneScale[j];
        }
        return f;
    }

    /**
     * The true salient effect of one cell: f_std(z, t) - f_std(z, 0), what its salient code adds to each gene
     * (the standardisation's shift cancels, its scale does not). Zero for every gene when t = 0.
     *
     * @return per gene the effect, in standard deviations of the gene over all simulated cells
     * @throws IllegalArgumentException as {@link #expression}
     */
    public double[] salientEffect(double[] z, double[] t) {
        double[] full = expression(z, t);
        double[] background = expression(z, new double[t.length]);
        for (int j = 0; j < full.length; j++) {
            full[j] -= background[j];
        }
        return full;
    }

    /** net(input) before standardisation; the simulator draws its data with this very arithmetic. */
    static double[] network(List<double[][]> layers, Activation activation, double[] input) {
        double[] h = input;
        for (int l = 0; l < layers.size(); l++) {
            double[][] w = layers.get(l);
            double[] out = w[h.length].clone();
            for (int i = 0; i < h.length; i++) {
                if (h[i] != 0) {
                    for (int j = 0; j < out.length; j++) {
                        out[j] += h[i] * w[i][j];
                    }
                }
            }
            if (l < layers.size() - 1) {
                if (activation == Activation.TANH) {
                    for (int j = 0; j < out.length; j++) {
                        out[j] = Math.tanh(out[j]);
                    }
                } else {
                    for (int j = 0; j < out.length; j++) {
                        out[j] = out[j] > 0 ? out[j] : Activation.LEAKY_SLOPE * out[j];
                    }
                }
            }
            h = out;
        }
        return h;
    }

    static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
