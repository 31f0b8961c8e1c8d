package org.cdgm.engine.objectives;

import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.LatentCodes;
import org.cdgm.engine.model.distributions.LatentGradient;
import org.cdgm.engine.model.distributions.LatentSample;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    /** The two compared code sets, their squared distances and the kernel (median width pools both sets). */
    private record Setup(Codes a, Codes c, double[] daa, double[] dcc, double[] dac, GaussianKernel kernel,
                         boolean againstZero) {
    }

    private Setup setup(LatentCodes codes) {
        if (pair == Pair.SHARED_BACKGROUND_VS_TARGET) {
            Codes ha = Codes.of(codes.sharedBackground());
            Codes hc = Codes.of(codes.sharedTarget());
            // the kernel's width pools exactly the two compared sets: one set of distances serves both
            double[] daa = ha.squaredDistances(ha);
            double[] dcc = hc.squaredDistances(hc);
            double[] dac = ha.squaredDistances(hc);
            GaussianKernel k = Double.isNaN(bandwidth) ? GaussianKernel.median(ha.rows, daa, hc.rows, dcc, dac)
                    : GaussianKernel.of(bandwidth);
            return new Setup(ha, hc, daa, dcc, dac, k, false);
        }
        Codes ha = Codes.of(codes.salientBackground());
        Codes zero = new Codes(new double[ha.dim], 1, ha.dim);
        double[] daa = ha.squaredDistances(ha);
        GaussianKernel k;
        if (Double.isNaN(bandwidth)) {
            Codes ht = Codes.of(codes.salientTarget());
            k = GaussianKernel.median(ha.rows, daa, ht.rows, ht.squaredDistances(ht), ha.squaredDistances(ht));
        } else {
            k = GaussianKernel.of(bandwidth);
        }
        return new Setup(ha, zero, daa, new double[1], ha.squaredDistances(zero), k, true);
    }

    @Override
    public double evaluate(LatentCodes codes, CodeGradients grads, double scale) {
        Setup s = setup(codes);
        boolean shared = pair == Pair.SHARED_BACKGROUND_VS_TARGET;
        LatentGradient gA = grads == null ? null : shared ? grads.sharedBackground : grads.salientBackground;
        LatentGradient gC = grads == null || !shared ? null : grads.sharedTarget;
        return mmd(s.kernel(), s.a(), s.c(), s.daa(), s.dcc(), s.dac(), gA, gC, scale);
    }

    /**
     * The V-statistic's bias, (1 - mean off-diagonal K(a,a)) / n + (1 - mean off-diagonal K(c,c)) / m (Gretton et
     * al. 2012, JMLR 13, eq. 5 vs the unbiased eq. 3, with K(x,x) = 1): its expected value when a and c are drawn
     * from one distribution. The point mass at zero has no sampling noise and adds nothing.
     */
    @Override
    public double noiseFloor(LatentCodes codes) {
        Setup s = setup(codes);
        double floor = (1 - offDiagonalMean(s.kernel().apply(s.daa()), s.a().rows)) / s.a().rows;
        if (!s.againstZero()) {
            floor += (1 - offDiagonalMean(s.kernel().apply(s.dcc()), s.c().rows)) / s.c().rows;
        }
        return floor;
    }

    /** Mean of the off-diagonal entries of an n x n kernel matrix with unit diagonal (1 for n = 1). */
    static double offDiagonalMean(double[] k, int n) {
        if (n < 2) {
            return 1.0;
        }
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        return (sum - n) / ((double) n * (n - 1));
    }

    /** MMD^2 of two code sets given as ND4J rows (see the host version). */
    static double mmd(GaussianKernel k, INDArray a, INDArray c, LatentGradient gA, LatentGradient gC, double scale) {
        Codes ha = Codes.of(a);
        Codes hc = Codes.of(c);
        return mmd(k, ha, hc, ha.squaredDistances(ha), hc.squaredDistances(hc), ha.squaredDistances(hc), gA, gC,
                scale);
    }

    /**
     * MMD^2 = mean K(a,a) + mean K(c,c) - 2 mean K(a,c) from the squared distances; gradients (times scale) into gA
     * and gC if not null. In plain Java: the sets hold a few hundred low-dimensional codes, where ND4J's per-call
     * overhead dominated (about a tenth of a step on the 2,000-gene benchmark).
     */
    static double mmd(GaussianKernel k, Codes a, Codes c, double[] daa, double[] dcc, double[] dac, LatentGradient gA,
                      LatentGradient gC, double scale) {
        double[] kaa = k.apply(daa);
        double[] kcc = k.apply(dcc);
        double[] kac = k.apply(dac);
        double value = mean(kaa) + mean(kcc) - 2 * mean(kac);
        if (gA != null) {
            long n = a.rows;
            long m = c.rows;
            double[] dA = new double[a.values.length];
            double[] dC = gC == null ? null : new double[c.values.length];
            // self terms count each pair twice (a_i appears as first and second argument)
            k.addGradient(a, a, kaa, 2.0 * scale / ((double) n * n), dA, null);
            k.addGradient(a, c, kac, -2.0 * scale / ((double) n * m), dA, dC);
            if (dC != null) {
                k.addGradient(c, c, kcc, 2.0 * scale / ((double) m * m), dC, null);
                gC.addSample(c.like(dC));
            }
            gA.addSample(a.like(dA));
        }
        return value;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
