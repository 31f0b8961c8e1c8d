package org.cdgm.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Accumulates the gradient of a loss with respect to one latent block: through the sample (decoder, MMD) and
 * directly through the posterior parameters (closed-form KL, entropy, Wasserstein penalty). {@link #toPosterior}
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

    public boolean isEmpty() {
        return dSample == null && dMu == null && dLogVar == null;
    }

    /** Returns {dMu, dLogVar} including the sample part: d/dmu = dSample, d/dlogVar = dSample * std * eps / 2. */
    public INDArray[] toPosterior(LatentSample s) {
        INDArray mu = dMu == null ? s.mu().ulike().assign(0) : dMu.dup();
        INDArray lv = dLogVar == null ? s.logVar().ulike().assign(0) : dLogVar.dup();
        if (dSample != null) {
            mu.addi(dSample);
            lv.addi(dSample.mul(s.std()).muli(s.eps()).muli(0.5));
        }
        return new INDArray[] {mu, lv};
    }
}
