package org.cdgm.engine.model.network;

import org.cdgm.engine.model.distributions.LatentGradient;

/** Gradient accumulators for the four blocks of {@link LatentCodes}. */
public final class CodeGradients {
    public final LatentGradient sharedBackground = new LatentGradient();
    public final LatentGradient salientBackground = new LatentGradient();
    public final LatentGradient sharedTarget = new LatentGradient();
    public final LatentGradient salientTarget = new LatentGradient();

    public void addAll(CodeGradients o) {
        sharedBackground.addAll(o.sharedBackground);
        salientBackground.addAll(o.salientBackground);
        sharedTarget.addAll(o.sharedTarget);
        salientTarget.addAll(o.salientTarget);
    }
}
