package org.cdgm.engine.objectives;

import org.cdgm.engine.model.CodeGradients;
import org.cdgm.engine.model.LatentCodes;
import org.cdgm.engine.model.LatentGradient;
import org.cdgm.engine.model.LatentSample;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Squared maximum mean discrepancy (biased V-statistic, Gaussian kernel) between two sets of sampled codes, as
 * in MM-cVAE (Weinberger et al. 2022): shared codes of background vs target cells (the shared space should not
 * tell the data sets apart), or salient codes of background cells vs a point mass at zero (background cells
 * should carry no salient information). The kernel width comes from the pooled codes of the block (background
 * and target), so the value is relative to the spread of that block.
 */
public final class Mmd implements Regulariser {

    /** Which codes are compared. */
    public enum Pair {
        SHARED_BACKGROUND_VS_TARGET,
        SALIENT_BACKGROUND_VS_ZERO
    }

    private final Pair pair;
    private final double bandwidth;

    /** @param bandwidth kernel bandwidth h, or NaN for the median heuristic */
    public Mmd(Pair pair, double bandwidth) {
        this.pair = pair;
        this.bandwidth = bandwidth;
    }

    @Override
    public String name() {
        return pair == Pair.SHARED_BACKGROUND_VS_TARGET ? "MMD(z background, z target)" : "MMD(t background, 0)";
    }

    @Override
    public boolean needsSalientBackground() {
        return pair == Pair.SALIENT_BACKGROUND_VS_ZERO;
    }

    @Override
    public double evaluate(LatentCodes codes, CodeGradients grads, double scale) {
        if (pair == Pair.SHARED_BACKGROUND_VS_TARGET) {
            LatentSample a = codes.sharedBackground();
            LatentSample c = codes.sharedTarget();
            GaussianKernel k = GaussianKernel.of(bandwidth, a.sample(), c.sample());
            return mmd(k, a.sample(), c.sample(), grads == null ? null : grads.sharedBackground,
                    grads == null ? null : grads.sharedTarget, scale);
        }
        LatentSample a = codes.salientBackground();
        GaussianKernel k = GaussianKernel.of(bandwidth, a.sample(), codes.salientTarget().sample());
        INDArray zero = Nd4j.zeros(a.sample().dataType(), 1, a.sample().columns());
        return mmd(k, a.sample(), zero, grads == null ? null : grads.salientBackground, null, scale);
    }

    /** MMD^2 = mean K(a,a) + mean K(c,c) - 2 mean K(a,c); gradients (times scale) into gA and gC if not null. */
    static double mmd(GaussianKernel k, INDArray a, INDArray c, LatentGradient gA, LatentGradient gC, double scale) {
        long n = a.rows();
        long m = c.rows();
        INDArray kaa = k.matrix(a, a);
        INDArray kcc = k.matrix(c, c);
        INDArray kac = k.matrix(a, c);
        double value = kaa.meanNumber().doubleValue() + kcc.meanNumber().doubleValue()
                - 2 * kac.meanNumber().doubleValue();
        if (gA != null) {
            INDArray dA = a.ulike().assign(0);
            INDArray dC = gC == null ? null : c.ulike().assign(0);
            // self terms count each pair twice (a_i appears as first and second argument)
            k.addGradient(a, a, kaa, 2.0 * scale / ((double) n * n), dA, null);
            k.addGradient(a, c, kac, -2.0 * scale / ((double) n * m), dA, dC);
            if (dC != null) {
                k.addGradient(c, c, kcc, 2.0 * scale / ((double) m * m), dC, null);
                gC.addSample(dC);
            }
            gA.addSample(dA);
        }
        return value;
    }
}
