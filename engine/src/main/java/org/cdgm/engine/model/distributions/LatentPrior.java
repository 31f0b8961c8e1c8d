package org.cdgm.engine.model.distributions;

import java.util.SplittableRandom;
import java.util.function.Function;

import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.model.parameters.ParameterLayout;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prior p(code) of one latent block, entering the ELBO through KL(q(code|x) || p(code)): declares its parameters
 * ({@link Factory}), evaluates the KL and its gradients, and draws codes. {@link org.cdgm.engine.model.PriorKind}
 * registers one factory per user-visible choice.
 */
public interface LatentPrior {

    /** Declares a prior's parameters, with their initial values, in a layout under construction. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param b          the layout being built
         * @param name       the block's prefix of parameter names ("sharedPrior", "salientPrior"); names are stored
         *                   in model files and must never change
         * @param components mixture components (priors without components ignore it)
         * @param dim        latent dimension of the block
         * @param group      the block's parameter group
         * @return builds the prior on the finished layout
         */
        Function<ParameterLayout, LatentPrior> declare(ParameterLayout.Builder b, String name, int components,
                                                       int dim, ParameterGroup group);
    }

    /**
     * Mean over the batch rows of KL(q || p), exact where closed form exists, else a one-sample estimate at
     * {@code s.sample()}. When {@code g} is not null, adds {@code scale} times the gradient with respect to the
     * latent into it, and prior parameter gradients into {@code grad}. Gradients are those of the batch sum of the
     * KL, times {@code scale} (pass 1 / rows for the mean).
     */
    double kl(INDArray params, LatentSample s, LatentGradient g, INDArray grad, double scale);

    /**
     * Draws n codes from the prior (simulation and model sampling).
     *
     * @return n x dim codes
     */
    double[][] sample(INDArray params, int n, SplittableRandom rng);
}
