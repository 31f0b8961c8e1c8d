package org.cdgm.engine.analysis;

import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.ModelProvenance;
import org.cdgm.engine.model.parameters.ParamRef;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.Precision;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.model.TrainedModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small models with known decoder weights, and a direct (by hand) decoder to check them against. */
final class DecodingFixtures {
    static final int GENES = 4;
    static final int KZ = 2;
    static final int KT = 2;

    private DecodingFixtures() {
    }

    static ModelConfig config(Likelihood likelihood, int decoderLayers) {
        return new ModelConfig(GENES, KZ, KT, 5, 1, decoderLayers, Activation.RELU, likelihood,
                PriorKind.STANDARD_NORMAL, 2, Precision.FLOAT64);
    }

    /** A model with random weights; with {@code salientOff} the decoder's salient input rows are zero. */
    static TrainedModel model(Likelihood likelihood, int decoderLayers, boolean salientOff, long seed) {
        ModelConfig config = config(likelihood, decoderLayers);
        ContrastiveVae vae = new ContrastiveVae(config);
        INDArray params = vae.initialParameters(seed);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        for (ParamRef r : vae.layout().refs()) {
            if (r.name().startsWith("decoder.") && r.name().endsWith(".b")) {
                INDArray b = r.in(params);
                for (int j = 0; j < b.length(); j++) {
                    b.putScalar(0, j, rng.nextDouble() - 0.5);
                }
            }
        }
        if (salientOff) {
            INDArray w = vae.layout().ref("decoder.0.W").in(params);
            for (int k = KZ; k < KZ + KT; k++) {
                for (int j = 0; j < w.columns(); j++) {
                    w.putScalar(k, j, 0.0);
                }
            }
        }
        List<String> genes = List.of("G1", "G2", "G3", "G4");
        return new TrainedModel(config, params, genes, ModelProvenance.unknown(genes));
    }

    static double[][] weights(TrainedModel m, String name) {
        ParamRef r = m.module().layout().ref(name);
        INDArray w = r.in(m.parameters());
        double[][] out = new double[(int) r.rows()][(int) r.cols()];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = w.getDouble(i, j);
            }
        }
        return out;
    }

    /** The decoder written out: ReLU hidden layers, a linear last layer, softmax for counts. */
    static double[] decodeByHand(TrainedModel m, double[] z, double[] t) {
        int layers = m.config().decoderLayers() + 1;
        double[] h = new double[KZ + KT];
        System.arraycopy(z, 0, h, 0, KZ);
        if (t != null) {
            System.arraycopy(t, 0, h, KZ, KT);
        }
        for (int l = 0; l < layers; l++) {
            double[][] w = weights(m, "decoder." + l + ".W");
            double[] b = weights(m, "decoder." + l + ".b")[0];
            double[] next = new double[b.length];
            for (int j = 0; j < b.length; j++) {
                double s = b[j];
                for (int i = 0; i < h.length; i++) {
                    s += h[i] * w[i][j];
                }
                next[j] = l < layers - 1 ? Math.max(0, s) : s;
            }
            h = next;
        }
        if (m.config().likelihood().isCount()) {
            double max = java.util.Arrays.stream(h).max().orElseThrow();
            double sum = 0;
            for (int j = 0; j < h.length; j++) {
                h[j] = Math.exp(h[j] - max);
                sum += h[j];
            }
            for (int j = 0; j < h.length; j++) {
                h[j] /= sum;
            }
        }
        return h;
    }

    /** Posteriors with given means and a common variance for {@code n} random cells. */
    static Posterior posterior(int n, double variance, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] z = new double[n][KZ];
        double[][] t = new double[n][KT];
        double[][] vz = new double[n][KZ];
        double[][] vt = new double[n][KT];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < KZ; k++) {
                z[i][k] = 2 * rng.nextDouble() - 1;
                vz[i][k] = variance;
            }
            for (int k = 0; k < KT; k++) {
                t[i][k] = 2 * rng.nextDouble() - 1;
                vt[i][k] = variance;
            }
        }
        return new Posterior(z, vz, t, vt);
    }
}
