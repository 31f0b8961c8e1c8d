package org.cdgm.engine.model.network;

import org.cdgm.engine.model.distributions.LatentGradient;

/** Gradient accumulators for the four blocks of {@link LatentCodes}. */
public final class CodeGradients {
    public final LatentGradient sharedBackground = new LatentGradient();
    public final LatentGradient salientBackground = new LatentGradient();
    public final LatentGradient sharedTarget = new LatentGradient();
    public final LatentGradient salientTarget = new LatentGradient();

    /**
     * Rows [bFrom, bTo) of the background blocks and [tFrom, tTo) of the target blocks (copies): a slice of the
     * batches for data-parallel training.
     */
    public CodeGradients rows(long bFrom, long bTo, long tFrom, long tTo) {
        CodeGradients r = new CodeGradients();
        r.sharedBackground.addRows(sharedBackground, bFrom, bTo);
        r.salientBackground.addRows(salientBackground, bFrom, bTo);
        r.sharedTarget.addRows(sharedTarget, tFrom, tTo);
        r.salientTarget.addRows(salientTarget, tFrom, tTo);
        return r;
    }

    public void addAll(CodeGradients o) {
        sharedBackground.addAll(o.sharedBackground);
        salientBackground.addAll(o.salientBackground);
        sharedTarget.addAll(o.sharedTarget);
        salientTarget.addAll(o.salientTarget);
    }
}
