package org.cdgm.cli.experiment;

import picocli.CommandLine.Command;

/** {@code cdgm experiment mixing}: piecewise affine vs smooth mixing and decoders (the paper's claim 1). */
@Command(name = "mixing",
        header = "Claim 1: piecewise affine (ReLU) vs smooth (tanh) mixing and decoders, on the simulator.",
        description = {"Simulates cells whose genes are a random network of the true shared and salient codes, with "
                + "leaky ReLU (piecewise affine, 'mixing=relu') or tanh (smooth, 'mixing=tanh') between its layers, "
                + "plus Gaussian noise, and fits the model with the true latent sizes (k_z = k_t = 2) and ReLU or "
                + "tanh layers ('decoder=relu|tanh', encoders too), in the constrained mode (co) unless --mode says "
                + "otherwise: 4 settings. Lopez et al. (CLeaR 2024) prove the blocks identifiable up to an affine map "
                + "when mixing and decoder are piecewise affine; with smooth ones they need not be.",
                "",
                "Time on 2 busy cores with OMP_NUM_THREADS=1: --quick under a minute (20-46 s measured); the full run "
                        + "(24 fits) 10 min 22 s measured on 2026-11-30 (docs/experiments.md)."})
final class MixingExperimentCommand extends ClaimExperimentCommand {
    @Override
    String experimentName() {
        return "mixing";
    }
}
