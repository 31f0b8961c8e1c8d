package org.cdgm.engine.model;

import org.cdgm.engine.model.distributions.Gaussians;

import org.cdgm.engine.data.UserChoice;

/** Prior on each latent block. */
public enum PriorKind implements UserChoice {
    STANDARD_NORMAL("Standard normal",
            "One fixed Gaussian: rotation invariant, so the axes it finds are arbitrary; for comparison only."),
    /** Learnable mixture of Gaussians: what identifiability of piecewise affine decoders relies on. */
    MIXTURE_OF_GAUSSIANS("Mixture of Gaussians (recommended)",
            "Learned clusters of cells; identifiability of the latent blocks rests on this prior.");

    private final String title;
    private final String help;

    PriorKind(String title, String help) {
        this.title = title;
        this.help = help;
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
