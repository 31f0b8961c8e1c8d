package org.cdgm.engine.model;

/**
 * The four latent blocks of one training step: shared and salient codes of background and target cells.
 * {@code salientBackground} is null when no regulariser needs it (background cells decode with t = 0).
 */
public record LatentCodes(LatentSample sharedBackground, LatentSample salientBackground,
                          LatentSample sharedTarget, LatentSample salientTarget) {
}
