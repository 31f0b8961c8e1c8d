package org.cdgm.engine.model.distributions;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Prior p(code) of one latent block, entering the ELBO through KL(q(code|x) || p(code)). */
public interface LatentPrior {

    /**
     * Mean over the batch rows of KL(q || p), exact where closed form exists, else a one-sample estimate at
     * {@code s.sample()}. When {@code g} is not null, adds {@code scale} times the gradient with respect to the
     * latent into it, and prior parameter gradients into {@code grad}. Gradients are those of the batch sum of the
     * KL, times {@code scale} (pass 1 / rows for the mean).
     */
    double kl(INDArray params, LatentSample s, LatentGradient g, INDArray grad, double scale);

    /** Draws n codes from the prior (simulation and model sampling). */
    double[][] sample(INDArray params, int n, java.util.SplittableRandom rng);
}
