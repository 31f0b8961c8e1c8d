package org.cdgm.engine.model;

/** Prior on each latent block. */
public enum PriorKind {
    STANDARD_NORMAL,
    /** Learnable mixture of Gaussians: what identifiability of piecewise affine decoders relies on. */
    MIXTURE_OF_GAUSSIANS
}
