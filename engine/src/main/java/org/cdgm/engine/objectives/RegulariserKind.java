package org.cdgm.engine.objectives;

import java.util.List;

/** The regularisers a user can choose, each documented for the node dialog. */
public enum RegulariserKind {
    /** No regulariser: plain contrastive VAE. */
    NONE,
    /** MM-cVAE: MMD(z background, z target) + MMD(t background, 0). */
    MM_CVAE,
    /** Only MMD(t background, 0): background cells carry no salient information. */
    SALIENT_BACKGROUND_MMD,
    /** contrastiveVI: squared Wasserstein distance of q(t | background) to 0. */
    SALIENT_BACKGROUND_PENALTY,
    /** HSIC between z and t of target cells: the two blocks are independent. */
    HSIC;

    /** The regulariser, or null for NONE. {@code bandwidth} NaN selects the median heuristic. */
    public Regulariser create(double bandwidth) {
        switch (this) {
            case NONE:
                return null;
            case MM_CVAE:
                return new CompositeRegulariser(List.of(new Mmd(Mmd.Pair.SHARED_BACKGROUND_VS_TARGET, bandwidth),
                        new Mmd(Mmd.Pair.SALIENT_BACKGROUND_VS_ZERO, bandwidth)));
            case SALIENT_BACKGROUND_MMD:
                return new Mmd(Mmd.Pair.SALIENT_BACKGROUND_VS_ZERO, bandwidth);
            case SALIENT_BACKGROUND_PENALTY:
                return new SalientBackgroundPenalty();
            case HSIC:
                return new Hsic(bandwidth);
            default:
                throw new AssertionError(this);
        }
    }
}
