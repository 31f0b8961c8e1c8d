package org.cdgm.engine.objectives;

import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.LatentCodes;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hilbert-Schmidt independence criterion between shared and salient codes of target cells (biased estimator
 * tr(K H L H) / n^2, Gaussian kernels, Gretton et al. 2005): zero when z and t are independent, the
 * "interpretable latent independence" reading of the constraint.
 */
public final class Hsic implements Regulariser {
    private final double bandwidth;

    /** @param bandwidth kernel bandwidth for both blocks, or NaN for the median heuristic per block */
    public Hsic(double bandwidth) {
        this.bandwidth = bandwidth;
    }

    @Override
    public String name() {
        return "HSIC(z target, t target)";
    }

    @Override
    public boolean needsSalientBackground() {
        return false;
    }

    @Override
    public double evaluate(LatentCodes codes, CodeGradients grads, double scale) {
        INDArray z = codes.sharedTarget().sample();
        INDArray t = codes.salientTarget().sample();
        long n = z.rows();
        GaussianKernel kz = GaussianKernel.of(bandwidth, z);
        GaussianKernel kt = GaussianKernel.of(bandwidth, t);
        INDArray k = kz.matrix(z, z);
        INDArray l = kt.matrix(t, t);
        INDArray hk = center(k);
        INDArray hl = center(l);
        double nn = (double) n * n;
        // tr(K H L H) = sum_ij (HKH)_ij L_ij = sum_ij K_ij (HLH)_ij
        double value = hk.mul(l).sumNumber().doubleValue() / nn;
        if (grads != null) {
            // d/dK_ij = (HLH)_ij / n^2 ; both index roles -> factor 2
            INDArray dz = z.ulike().assign(0);
            kz.addGradient(z, z, k.mul(hl), 2.0 * scale / nn, dz, null);
            grads.sharedTarget.addSample(dz);
            INDArray dt = t.ulike().assign(0);
            kt.addGradient(t, t, l.mul(hk), 2.0 * scale / nn, dt, null);
            grads.salientTarget.addSample(dt);
        }
        return value;
    }

    /**
     * The biased estimator's expected value under independence, (1 - mean off-diagonal K)(1 - mean off-diagonal
     * L) / n to first order (Gretton et al. 2008, "A kernel statistical test of independence", theorem 3).
     */
    @Override
    public double noiseFloor(LatentCodes codes) {
        INDArray z = codes.sharedTarget().sample();
        INDArray t = codes.salientTarget().sample();
        int n = Math.toIntExact(z.rows());
        if (n < 2) {
            return 0.0;
        }
        double kBar = (GaussianKernel.of(bandwidth, z).matrix(z, z).sumNumber().doubleValue() - n)
                / ((double) n * (n - 1));
        double lBar = (GaussianKernel.of(bandwidth, t).matrix(t, t).sumNumber().doubleValue() - n)
                / ((double) n * (n - 1));
        return (1 - kBar) * (1 - lBar) / n;
    }

    /** H A H with H = I - 11^T / n. */
    private static INDArray center(INDArray a) {
        INDArray rowMean = a.mean(true, 0);
        INDArray colMean = a.mean(true, 1);
        double all = a.meanNumber().doubleValue();
        return a.subRowVector(rowMean).subiColumnVector(colMean).addi(all);
    }

}
