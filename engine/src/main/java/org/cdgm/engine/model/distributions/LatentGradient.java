package org.cdgm.engine.model.distributions;

import org.cdgm.engine.numeric.HostBuffer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Accumulates the gradient of a loss with respect to one latent block: through the sample (decoder, MMD) and
 * directly through the posterior parameters (closed-form KL, entropy, Wasserstein penalty). {@link #headGradient}
 * folds the sample part in through the reparameterisation.
 */
public final class LatentGradient {
    private INDArray dSample;
    private INDArray dMu;
    private INDArray dLogVar;

    private static INDArray add(INDArray acc, INDArray d) {
        return acc == null ? d.dup() : acc.addi(d);
    }

    public void addSample(INDArray d) {
        dSample = add(dSample, d);
    }

    public void addMu(INDArray d) {
        dMu = add(dMu, d);
    }

    public void addLogVar(INDArray d) {
        dLogVar = add(dLogVar, d);
    }

    public void addAll(LatentGradient other) {
        if (other.dSample != null) {
            addSample(other.dSample);
        }
        if (other.dMu != null) {
            addMu(other.dMu);
        }
        if (other.dLogVar != null) {
            addLogVar(other.dLogVar);
        }
    }

    /**
     * Adds rows [from, to) of {@code other}'s gradients: the part of a batch's gradient that belongs to one slice of
     * it (data-parallel training).
     */
    public void addRows(LatentGradient other, long from, long to) {
        if (other.dSample != null) {
            addSample(rowsOf(other.dSample, from, to));
        }
        if (other.dMu != null) {
            addMu(rowsOf(other.dMu, from, to));
        }
        if (other.dLogVar != null) {
            addLogVar(rowsOf(other.dLogVar, from, to));
        }
    }

    private static INDArray rowsOf(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** The gradient through the sample (rows x k), or null when nothing was added through it; not a copy. */
    public INDArray sampleGradient() {
        return dSample;
    }

    /** The gradient with respect to the posterior mean (rows x k), or null; not a copy. */
    public INDArray muGradient() {
        return dMu;
    }

    /** The gradient with respect to the posterior log-variance (rows x k), or null; not a copy. */
    public INDArray logVarGradient() {
        return dLogVar;
    }

    public boolean isEmpty() {
        return dSample == null && dMu == null && dLogVar == null;
    }

    /**
     * The gradient with respect to the encoder head's output [mu | logVar] (rows x 2k), including the sample part
     * through the reparameterisation: d/dmu = dMu + dSample, d/dlogVar = dLogVar + dSample * std * eps / 2. One
     * Java pass instead of about ten ND4J operations and a concatenation.
     */
    public INDArray headGradient(LatentSample s) {
        int n = (int) s.rows();
        int k = (int) s.mu().columns();
        double[] sample = dSample == null ? null : HostBuffer.read(dSample);
        double[] mu = dMu == null ? null : HostBuffer.read(dMu);
        double[] logVar = dLogVar == null ? null : HostBuffer.read(dLogVar);
        double[] std = sample == null ? null : HostBuffer.read(s.std());
        double[] eps = sample == null ? null : HostBuffer.read(s.eps());
        double[] head = new double[n * 2 * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                int at = i * k + j;
                double dm = mu == null ? 0 : mu[at];
                double dl = logVar == null ? 0 : logVar[at];
                if (sample != null) {
                    dm += sample[at];
                    dl += 0.5 * sample[at] * std[at] * eps[at];
                }
                head[i * 2 * k + j] = dm;
                head[i * 2 * k + k + j] = dl;
            }
        }
        return HostBuffer.matrix(head, s.mu().dataType(), n, 2L * k);
    }
}
