package org.cdgm.bench;

import java.util.List;

import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.Precision;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingSettings;

/**
 * One benchmarked model and how it is trained; both implementations get exactly these settings. No validation
 * split, so an epoch is training steps only (steps = ceil(max(n_background, n_target) / batch)).
 */
record BenchmarkCase(String name, Likelihood likelihood, int sharedDim, int salientDim, int width, int layers,
                     int components, TrainingMode mode, double epsilon, double learningRate, int batch) {

    static final List<BenchmarkCase> ALL = List.of(
            // the simulated case: 10,000 cells x 2,000 genes, Gaussian, the main job's model and MO+CO.
            // Adam 1e-3: with 2,000 inputs the main job's 1e-2 blows the losses up to 1e17 in both implementations
            new BenchmarkCase("gaussian-sim-10k-2k", Likelihood.GAUSSIAN, 2, 2, 128, 1, 4,
                    TrainingMode.MULTI_OBJECTIVE_CONSTRAINED, 0.05, 1e-3, 128),
            // the screen job's model on the Papalexi screen: NB, k_z 10, k_t 5, CO epsilon 0.3
            new BenchmarkCase("nb-papalexi", Likelihood.NEGATIVE_BINOMIAL, 10, 5, 128, 1, 4,
                    TrainingMode.CONSTRAINED, 0.3, 3e-3, 128));

    static BenchmarkCase named(String name) {
        return ALL.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown case '" + name + "'; known: "
                        + ALL.stream().map(BenchmarkCase::name).toList()));
    }

    ModelConfig model(int genes) {
        return new ModelConfig(genes, sharedDim, salientDim, width, layers, layers, Activation.RELU, likelihood,
                PriorKind.MIXTURE_OF_GAUSSIANS, components, Precision.FLOAT32);
    }

    /** One thread. */
    TrainingSettings training(int epochs, long seed) {
        return training(epochs, seed, 1);
    }

    /** @param threads the engine's threads ({@link TrainingSettings#threads()}) */
    TrainingSettings training(int epochs, long seed, int threads) {
        return new TrainingSettings(mode, RegulariserKind.MM_CVAE, Double.NaN, 1.0, epsilon, 0.5, epochs, batch,
                learningRate, 0.0, 0, seed, 0, 0, 0, threads); // no warm-up or clipping: the reference has none
    }

    /** Arguments of the PyTorch reference for this case. */
    List<String> referenceArgs() {
        return List.of("--likelihood", likelihood.name(), "--mode", mode.name(), "--kz", "" + sharedDim, "--kt",
                "" + salientDim, "--width", "" + width, "--layers", "" + layers, "--components", "" + components,
                "--batch", "" + batch, "--lr", "" + learningRate, "--epsilon", "" + epsilon);
    }

    /** Training steps of one epoch, as the engine's Trainer counts them: the larger set is seen once. */
    int stepsPerEpoch(int backgroundCells, int targetCells) {
        return (int) Math.ceil(Math.max(backgroundCells, targetCells) / (double) batch);
    }

    /**
     * Floating-point operations of the dense layers in one training step, as 3 x the forward products (forward,
     * weight gradients, input gradients): four encoder passes (shared and salient, background and target) and
     * two decoder passes of {@code batch} cells. Element-wise work (likelihood, prior, regulariser, Adam) is not
     * counted, so this is the arithmetic both implementations must do at least.
     */
    double denseFlopsPerStep(int genes) {
        double enc = 2.0 * (flops(genes, width, 2 * sharedDim) + flops(genes, width, 2 * salientDim));
        double dec = 2.0 * flops(sharedDim + salientDim, width, genes);
        return 3.0 * batch * (enc + dec);
    }

    /** 2 x multiply-adds per cell of a network in -> width (x layers) -> out. */
    private double flops(int in, int hidden, int out) {
        double macs = (double) in * hidden + (layers - 1) * (double) hidden * hidden + (double) hidden * out;
        return 2.0 * macs;
    }
}
