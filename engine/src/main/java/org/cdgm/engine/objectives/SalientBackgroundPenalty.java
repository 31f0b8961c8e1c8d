package org.cdgm.engine.objectives;

import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.LatentCodes;
import org.cdgm.engine.model.distributions.LatentSample;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Squared 2-Wasserstein distance between q(t | background cell) and a point mass at zero, averaged over
 * background cells: mean(|mu_t|^2 + sum sigma_t^2). contrastiveVI's way of keeping salient codes of background
 * cells at zero; exact in the posterior parameters, so it adds no sampling noise.
 */
public final class SalientBackgroundPenalty implements Regulariser {

    @Override
    public String name() {
        return "W2(t background, 0)";
    }

    @Override
    public boolean needsSalientBackground() {
        return true;
    }

    @Override
    public double evaluate(LatentCodes codes, CodeGradients grads, double scale) {
        LatentSample s = codes.salientBackground();
        long n = s.rows();
        INDArray var = Transforms.exp(s.logVar(), true);
        double value = (s.mu().mul(s.mu()).sumNumber().doubleValue() + var.sumNumber().doubleValue()) / n;
        if (grads != null) {
            grads.salientBackground.addMu(s.mu().mul(2.0 * scale / n));
            grads.salientBackground.addLogVar(var.muli(scale / n));
        }
        return value;
    }
}
