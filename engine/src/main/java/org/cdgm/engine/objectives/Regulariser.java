package org.cdgm.engine.objectives;

import org.cdgm.engine.model.CodeGradients;
import org.cdgm.engine.model.LatentCodes;

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
}
