package org.cdgm.engine.model;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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

    /** Declares the prior's parameters; returns slots {means, logStd, logits}. */
    public static int[] declare(ParameterLayout.Builder b, String name, int components, int dim, ParameterGroup g) {
        return new int[] {
            b.add(name + ".means", components, dim, g),
            b.add(name + ".logStd", components, dim, g),
            b.add(name + ".logits", 1, components, g)
        };
    }

    public ParamRef means() {
        return means;
    }

    @Override
    public double kl(INDArray params, LatentSample s, LatentGradient g, INDArray grad, double scale) {
        // All components at once with matrix products (a loop over K costs K times the op overhead):
        // |z - m_k|^2_k = (z*z) . iv_k - 2 z . (m_k * iv_k) + (m_k * m_k) . iv_k, with iv = exp(-2 logStd)
        INDArray z = s.sample();
        long n = z.rows();
        INDArray m = means.in(params);
        INDArray ls = logStd.in(params);
        INDArray iv = Transforms.exp(ls.mul(-2.0), false);
        INDArray mIv = m.mul(iv);
        INDArray zz = z.mul(z);
        INDArray constant = logSoftmaxRow(logits.in(params)).subi(ls.sum(true, 1).transpose())
                .subi(0.5 * dim * LOG_2PI);
        INDArray quad = zz.mmul(iv.transpose()).subi(z.mmul(mIv.transpose()).muli(2.0))
                .addiRowVector(m.mul(mIv).sum(true, 1).transpose());
        INDArray logComp = quad.muli(-0.5).addiRowVector(constant);
        INDArray logP = logSumExpRows(logComp);
        // -H(q) per row = -0.5 * sum_d (log 2 pi + 1 + logVar)
        double negEntropySum = -0.5 * (s.logVar().sumNumber().doubleValue() + n * dim * (LOG_2PI + 1.0));
        double kl = (negEntropySum - logP.sumNumber().doubleValue()) / n;
        if (g == null) {
            return kl;
        }
        g.addLogVar(s.logVar().ulike().assign(-0.5 * scale));
        INDArray resp = Transforms.exp(logComp.subiColumnVector(logP), false); // n x K responsibilities
        // d(-log p)/dz = z * (R iv) - R (m * iv)
        g.addSample(z.mul(resp.mmul(iv)).subi(resp.mmul(mIv)).muli(scale));
        INDArray rz = resp.transpose().mmul(z);          // K x d
        INDArray rzz = resp.transpose().mmul(zz);        // K x d
        INDArray count = resp.sum(true, 0).transpose();  // K x 1
        // d(-log p)/dm = -(R^T z - count * m) * iv
        means.in(grad).subi(rz.sub(m.mulColumnVector(count)).muli(iv).muli(scale));
        // d(-log p)/ds = -(R^T z^2 - 2 R^T z * m + count * m^2) * iv + count
        INDArray spread = rzz.sub(rz.mul(m).muli(2.0)).addi(m.mul(m).muliColumnVector(count)).muli(iv);
        logStd.in(grad).addi(spread.rsubi(0).addiColumnVector(count).muli(scale));
        // d(-log p)/dlogit_k = -(count_k - n pi_k)
        INDArray pi = Transforms.exp(logSoftmaxRow(logits.in(params)), false);
        logits.in(grad).addi(count.transpose().sub(pi.mul(n)).negi().muli(scale));
        return kl;
    }

    static INDArray logSoftmaxRow(INDArray row) {
        double max = row.maxNumber().doubleValue();
        INDArray shifted = row.sub(max);
        double lse = Math.log(Transforms.exp(shifted, true).sumNumber().doubleValue());
        return shifted.subi(lse);
    }

    /** Row-wise log-sum-exp of an n x K matrix, as an n x 1 column. */
    static INDArray logSumExpRows(INDArray a) {
        INDArray max = a.max(true, 1);
        INDArray sum = Transforms.exp(a.subColumnVector(max), false).sum(true, 1);
        return Transforms.log(sum, false).addi(max);
    }

    @Override
    public double[][] sample(INDArray params, int n, SplittableRandom rng) {
        double[][] m = HostArrays.rows(means.in(params));
        double[][] ls = HostArrays.rows(logStd.in(params));
        double[] pi = HostArrays.flat(Transforms.exp(logSoftmaxRow(logits.in(params)), false));
        double[][] out = new double[n][dim];
        for (int i = 0; i < n; i++) {
            int k = pick(pi, rng.nextDouble());
            for (int j = 0; j < dim; j++) {
                out[i][j] = m[k][j] + Math.exp(ls[k][j]) * Gaussians.next(rng);
            }
        }
        return out;
    }

    private static int pick(double[] pi, double u) {
        double c = 0;
        for (int k = 0; k < pi.length; k++) {
            c += pi[k];
            if (u < c) {
                return k;
            }
        }
        return pi.length - 1;
    }

}
