package org.cdgm.engine.objectives;

import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.LatentCodes;

/**
 * A term R(codes) >= 0 on the latent codes of one step: penalised (classic, MO) with a weight, or constrained
 * (CO) by R <= epsilon with a dual variable. Implementations must be differentiable in the codes and are checked
 * against finite differences.
 */
public interface Regulariser {

    /** Short name for reports. */
    String name();

    /** Whether R reads the salient codes of background cells (then the forward pass must compute them). */
    boolean needsSalientBackground();

    /** Value of R on this step's codes; when {@code grads} is not null, adds {@code scale} x dR/dcodes. */
    double evaluate(LatentCodes codes, CodeGradients grads, double scale);

    /**
     * The regulariser's noise floor on this step's codes: what its estimate reads on average when the compared
     * code sets come from one distribution (or are independent, for HSIC). Kernel estimators on a batch of n
     * cells are biased upwards by about 1/n, so a level epsilon below this floor cannot be met by any model, and
     * "auto" epsilon is set above it. 0 for exact penalties with no such bias.
     */
    default double noiseFloor(LatentCodes codes) {
        return 0.0;
    }
}
