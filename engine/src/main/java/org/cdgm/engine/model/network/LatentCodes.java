package org.cdgm.engine.model.network;

import org.cdgm.engine.model.distributions.LatentSample;

/**
 * The four latent blocks of one training step: shared and salient codes of background and target cells.
 * {@code salientBackground} is null when no regulariser needs it (background cells decode with t = 0).
 */
public record LatentCodes(LatentSample sharedBackground, LatentSample salientBackground,
                          LatentSample sharedTarget, LatentSample salientTarget) {

    /**
     * The sum of every code (from the host copies, no device work): NaN or infinite exactly when some code is,
     * which is all a divergence check needs; the value itself means nothing.
     */
    public double finiteCheckSum() {
        double sum = 0;
        for (LatentSample s : new LatentSample[] {sharedBackground, salientBackground, sharedTarget, salientTarget}) {
            if (s != null) {
                for (double v : s.hostSample()) {
                    sum += v;
                }
            }
        }
        return sum;
    }
}
