package org.cdgm.engine.objectives;

import java.util.List;
import java.util.function.DoubleFunction;

import org.cdgm.engine.data.UserChoice;

/** The regularisers a user can choose, each documented for the node dialog. */
public enum RegulariserKind implements UserChoice {
    /** No regulariser: plain contrastive VAE. */
    NONE("None", "No regulariser: a plain contrastive VAE (classic and multi-objective modes only).",
            bandwidth -> null),
    /** MM-cVAE: MMD(z background, z target) + MMD(t background, 0). */
    MM_CVAE("MM-cVAE (recommended)", "Shared codes of background and target alike, background salient codes near "
            + "zero (two MMD terms).",
            bandwidth -> new CompositeRegulariser(List.of(new Mmd(Mmd.Pair.SHARED_BACKGROUND_VS_TARGET, bandwidth),
                    new Mmd(Mmd.Pair.SALIENT_BACKGROUND_VS_ZERO, bandwidth)))),
    /** Only MMD(t background, 0): background cells carry no salient information. */
    SALIENT_BACKGROUND_MMD("Salient background MMD", "Only the second MM-cVAE term: background salient codes near "
            + "zero (MMD).", bandwidth -> new Mmd(Mmd.Pair.SALIENT_BACKGROUND_VS_ZERO, bandwidth)),
    /** contrastiveVI: squared Wasserstein distance of q(t | background) to 0. */
    SALIENT_BACKGROUND_PENALTY("Salient background penalty (contrastiveVI)", "contrastiveVI's penalty pulling "
            + "background salient codes to zero.", bandwidth -> new SalientBackgroundPenalty()),
    /** HSIC between z and t of target cells: the two blocks are independent. */
    HSIC("HSIC (independent blocks)", "Shared and salient codes of target cells must be independent (HSIC).",
            Hsic::new);

    private final String title;
    private final String help;
    /** Bandwidth (NaN: median heuristic) to regulariser; the one line a new regulariser adds here. */
    private final DoubleFunction<Regulariser> factory;

    RegulariserKind(String title, String help, DoubleFunction<Regulariser> factory) {
        this.title = title;
        this.help = help;
        this.factory = factory;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String help() {
        return help;
    }

    /** The regulariser, or null for NONE. {@code bandwidth} NaN selects the median heuristic. */
    public Regulariser create(double bandwidth) {
        return factory.apply(bandwidth);
    }
}
