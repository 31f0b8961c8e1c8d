package org.cdgm.cli.experiment;

import picocli.CommandLine.Command;

/** {@code cdgm experiment noise}: Gaussian, Poisson and negative binomial observation noise. */
@Command(name = "noise",
        header = "Identifiability under count noise: Gaussian vs Poisson vs negative binomial, on the simulator.",
        description = {"Simulates cells (leaky-ReLU mixing, true k_z = k_t = 2) observed with Gaussian noise (sd 0.1 "
                + "on standardised genes) or as counts, Poisson or negative binomial (inverse dispersion 5), with a "
                + "mean library of 1,000 counts per cell (log-normal spread, sd 0.25), and fits the model with the "
                + "matching likelihood and the true latent sizes, in the constrained mode (co) unless --mode says "
                + "otherwise: 3 settings.",
                "",
                "Time on 2 busy cores with OMP_NUM_THREADS=1: --quick under a minute (18-33 s measured); the full run "
                        + "(18 fits) 8 min 27 s measured on 2026-11-30 (docs/experiments.md)."})
final class NoiseExperimentCommand extends ClaimExperimentCommand {
    @Override
    String experimentName() {
        return "noise";
    }
}
