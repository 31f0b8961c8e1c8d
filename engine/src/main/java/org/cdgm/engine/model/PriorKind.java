package org.cdgm.engine.model;

import org.cdgm.engine.data.UserChoice;
import org.cdgm.engine.model.distributions.LatentPrior;
import org.cdgm.engine.model.distributions.MixturePrior;
import org.cdgm.engine.model.distributions.StandardNormalPrior;

/**
 * Prior on each latent block: the registry of {@link LatentPrior}s. Each constant names the factory of its prior,
 * which declares and initialises the prior's parameters; the network asks the constant and never switches on it.
 */
public enum PriorKind implements UserChoice {
    STANDARD_NORMAL("Standard normal",
            "One fixed Gaussian: rotation invariant, so the axes it finds are arbitrary; for comparison only.",
            StandardNormalPrior::declare),
    /** Learnable mixture of Gaussians: what identifiability of piecewise affine decoders relies on. */
    MIXTURE_OF_GAUSSIANS("Mixture of Gaussians (recommended)",
            "Learned clusters of cells; identifiability of the latent blocks rests on this prior.",
            MixturePrior::declare);

    private final String title;
    private final String help;
    private final LatentPrior.Factory factory;

    PriorKind(String title, String help, LatentPrior.Factory factory) {
        this.title = title;
        this.help = help;
        this.factory = factory;
    }

    /** The factory that declares this prior's parameters for one latent block and builds the prior. */
    public LatentPrior.Factory factory() {
        return factory;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String help() {
        return help;
    }
}
