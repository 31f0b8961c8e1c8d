package org.cdgm.engine.model.distributions;

import org.cdgm.engine.model.parameters.Initialiser;
import org.cdgm.engine.model.parameters.ParamRef;
import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.cdgm.engine.numeric.HostBuffer;

import java.util.SplittableRandom;
import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Learnable mixture of K diagonal Gaussians, p(c) = sum_k pi_k N(c; m_k, diag(exp(2 s_k))), pi = softmax(logits).
 * Identifiability of piecewise affine decoders rests on such priors (Kivva et al. 2022): a standard normal
 * prior is rotation invariant. KL(q || p) has no closed form, so it is estimated at the reparameterised sample
 * with the exact entropy of q: KL ~= -H(q) - log p(sample).
 */
public final class MixturePrior implements LatentPrior {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final ParamRef means;
    private final ParamRef logStd;
    private final ParamRef logits;
    private final int components;
    private final int dim;

    public MixturePrior(ParamRef means, ParamRef logStd, ParamRef logits) {
        this.means = means;
        this.logStd = logStd;
        this.logits = logits;
        this.components = (int) means.rows();
        this.dim = (int) means.cols();
    }

    /**
     * Declares name.means (K x dim, uniform on [-2, 2] so that components start distinct), name.logStd (K x dim,
     * log 0.5) and name.logits (1 x K, zero: equal weights), in that order; a {@link LatentPrior.Factory}.
     */
    public static Function<ParameterLayout, LatentPrior> declare(ParameterLayout.Builder b, String name,
                                                                 int components, int dim, ParameterGroup g) {
        int m = b.add(name + ".means", components, dim, g, Initialiser.uniform(2.0));
        int s = b.add(name + ".logStd", components, dim, g, Initialiser.constant(Math.log(0.5)));
        int l = b.add(name + ".logits", 1, components, g, Initialiser.zeros());
        return layout -> new MixturePrior(layout.ref(m), layout.ref(s), layout.ref(l));
    }

    public ParamRef means() {
        return means;
    }

    @Override
    public double kl(INDArray params, LatentSample s, LatentGradient g, INDArray grad, double scale) {
        // One Java pass over cells x components (a few thousand numbers): as ND4J operations this was about
        // thirty calls per block and step, each mostly overhead.
        double[] z = s.hostSample();
        double[] m = HostBuffer.read(means.in(params));
        double[] ls = HostBuffer.read(logStd.in(params));
        double[] logPi = logSoftmax(HostBuffer.read(logits.in(params)));
        int n = (int) s.rows();
        double[] iv = new double[ls.length]; // exp(-2 logStd)
        double[] constant = new double[components]; // log pi_k - sum_d logStd_kd - d/2 log 2 pi
        for (int k = 0; k < components; k++) {
            constant[k] = logPi[k] - 0.5 * dim * LOG_2PI;
            for (int j = 0; j < dim; j++) {
                iv[k * dim + j] = Math.exp(-2 * ls[k * dim + j]);
                constant[k] -= ls[k * dim + j];
            }
        }
        boolean grads = g != null;
        double[] dz = grads ? new double[z.length] : null;
        double[] dm = grads ? new double[m.length] : null;
        double[] dls = grads ? new double[ls.length] : null;
        double[] count = new double[components];
        double[] logComp = new double[components];
        double logPSum = 0;
        for (int i = 0; i < n; i++) {
            int row = i * dim;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < components; k++) {
                double quad = 0;
                for (int j = 0; j < dim; j++) {
                    double diff = z[row + j] - m[k * dim + j];
                    quad += diff * diff * iv[k * dim + j];
                }
                logComp[k] = constant[k] - 0.5 * quad;
                max = Math.max(max, logComp[k]);
            }
            double sum = 0;
            for (int k = 0; k < components; k++) {
                sum += Math.exp(logComp[k] - max);
            }
            double logP = max + Math.log(sum);
            logPSum += logP;
            if (!grads) {
                continue;
            }
            for (int k = 0; k < components; k++) {
                double resp = Math.exp(logComp[k] - logP); // responsibility of component k for cell i
                count[k] += resp;
                for (int j = 0; j < dim; j++) {
                    int kj = k * dim + j;
                    double scaled = (z[row + j] - m[kj]) * iv[kj];
                    // d(-log p)/dz = sum_k resp (z - m_k) iv_k; d/dm_k is its negative;
                    // d(-log p)/ds_k = resp (1 - (z - m_k)^2 iv_k)
                    dz[row + j] += resp * scaled;
                    dm[kj] -= resp * scaled;
                    dls[kj] += resp * (1 - scaled * (z[row + j] - m[kj]));
                }
            }
        }
        // -H(q) per row = -0.5 * sum_d (log 2 pi + 1 + logVar)
        double negEntropySum = -0.5 * (s.logVar().sumNumber().doubleValue() + n * dim * (LOG_2PI + 1.0));
        double kl = (negEntropySum - logPSum) / n;
        if (!grads) {
            return kl;
        }
        DataType t = s.sample().dataType();
        g.addLogVar(s.logVar().ulike().assign(-0.5 * scale));
        g.addSample(HostBuffer.matrix(times(dz, scale), t, n, dim));
        addInto(means.in(grad), dm, scale);
        addInto(logStd.in(grad), dls, scale);
        // d(-log p)/dlogit_k = -(count_k - n pi_k)
        double[] dLogits = new double[components];
        for (int k = 0; k < components; k++) {
            dLogits[k] = n * Math.exp(logPi[k]) - count[k];
        }
        addInto(logits.in(grad), dLogits, scale);
        return kl;
    }

    private static double[] times(double[] v, double f) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
        return v;
    }

    /** target += scale * delta, element-wise (target a dense view of the gradient vector). */
    private static void addInto(INDArray target, double[] delta, double scale) {
        double[] v = HostBuffer.read(target);
        for (int i = 0; i < v.length; i++) {
            v[i] += scale * delta[i];
        }
        HostBuffer.write(v, target);
    }

    private static double[] logSoftmax(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x - max);
        }
        double lse = max + Math.log(sum);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] - lse;
        }
        return out;
    }

    /** The mixture with its values read from {@code params}: means, exp(logStd), softmax(logits). */
    public GaussianMixture mixture(INDArray params) {
        double[][] ls = HostBuffer.rows(logStd.in(params));
        for (double[] row : ls) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.exp(row[j]);
            }
        }
        double[] pi = logSoftmax(HostBuffer.read(logits.in(params)));
        for (int k = 0; k < pi.length; k++) {
            pi[k] = Math.exp(pi[k]);
        }
        return new GaussianMixture(HostBuffer.rows(means.in(params)), ls, pi);
    }

    @Override
    public double[][] sample(INDArray params, int n, SplittableRandom rng) {
        GaussianMixture mix = mixture(params);
        double[][] out = new double[n][dim];
        for (double[] row : out) {
            mix.draw(row, rng);
        }
        return out;
    }
}
