package org.cdgm.engine.model;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
        INDArray z = s.sample();
        long n = z.rows();
        INDArray m = means.in(params);
        INDArray ls = logStd.in(params);
        INDArray logPi = logSoftmaxRow(logits.in(params));
        INDArray logComp = Nd4j.create(z.dataType(), n, components);
        INDArray[] diff = new INDArray[components];
        INDArray[] invVar = new INDArray[components];
        for (int k = 0; k < components; k++) {
            INDArray mk = m.getRow(k, true);
            INDArray lsk = ls.getRow(k, true);
            invVar[k] = Transforms.exp(lsk.mul(-2.0), false);
            diff[k] = z.subRowVector(mk);
            INDArray quad = diff[k].mul(diff[k]).muliRowVector(invVar[k]).sum(true, 1);
            double constant = logPi.getDouble(0, k) - lsk.sumNumber().doubleValue() - 0.5 * dim * LOG_2PI;
            logComp.putColumn(k, quad.muli(-0.5).addi(constant));
        }
        INDArray logP = logSumExpRows(logComp);
        // -H(q) per row = -0.5 * sum_d (log 2 pi + 1 + logVar)
        double negEntropySum = -0.5 * (s.logVar().sumNumber().doubleValue() + n * dim * (LOG_2PI + 1.0));
        double kl = (negEntropySum - logP.sumNumber().doubleValue()) / n;
        if (g == null) {
            return kl;
        }
        g.addLogVar(s.logVar().ulike().assign(-0.5 * scale));
        INDArray resp = Transforms.exp(logComp.subColumnVector(logP), false); // n x K responsibilities
        INDArray dz = z.ulike().assign(0);
        INDArray dMeans = means.in(grad);
        INDArray dLogStd = logStd.in(grad);
        for (int k = 0; k < components; k++) {
            INDArray rk = resp.getColumn(k, true);
            INDArray weighted = diff[k].mulRowVector(invVar[k]).muliColumnVector(rk); // r_k (z - m_k) / var_k
            dz.addi(weighted);
            // d(-log p)/dm_k = -sum r_k (z - m_k)/var_k ; d(-log p)/ds_k = -sum r_k ((z - m_k)^2/var_k - 1)
            dMeans.getRow(k, true).subi(weighted.sum(true, 0).muli(scale));
            INDArray sq = diff[k].mul(diff[k]).muliRowVector(invVar[k]).subi(1.0).muliColumnVector(rk);
            dLogStd.getRow(k, true).subi(sq.sum(true, 0).muli(scale));
        }
        g.addSample(dz.muli(scale));
        // d(-log p)/dlogit_k = -sum_rows (r_k - pi_k)
        INDArray pi = Transforms.exp(logPi, true);
        INDArray dLogits = resp.sum(true, 0).subi(pi.mul(n)).negi().muli(scale);
        logits.in(grad).addi(dLogits);
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
        double[][] m = means.in(params).toDoubleMatrix();
        double[][] ls = logStd.in(params).toDoubleMatrix();
        double[] pi = Transforms.exp(logSoftmaxRow(logits.in(params)), false).toDoubleVector();
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
