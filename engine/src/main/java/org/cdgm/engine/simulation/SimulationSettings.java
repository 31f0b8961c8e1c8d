package org.cdgm.engine.simulation;

import java.util.Objects;

import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Likelihood;

/**
 * A synthetic comparative data set with known latents, as in Lopez et al. (CLeaR 2024): z and t from mixtures of
 * Gaussians, a random network mixing (z, t) into genes (piecewise affine, leaky ReLU, by default; smooth, tanh, to
 * reproduce the paper's non-identifiable case), background cells with t = 0, and Gaussian, Poisson or negative
 * binomial noise.
 *
 * @param backgroundCells cells with only shared variation
 * @param targetCells     cells with shared and salient variation
 * @param genes           observed features
 * @param sharedDim       true k_z
 * @param salientDim      true k_t
 * @param components      mixture components per latent block
 * @param mixingLayers    hidden layers of the mixing network
 * @param noise           observation noise
 * @param noiseScale      Gaussian noise standard deviation (genes have unit variance before noise)
 * @param meanLibrary     mean counts per cell for count noise
 * @param dispersion      inverse dispersion theta of negative binomial noise
 * @param seed            seed of everything random
 * @param mixingActivation nonlinearity between the mixing network's layers: LEAKY_RELU (the default, piecewise
 *                        affine) or TANH (smooth); both are injective, plain RELU is not and is refused. The
 *                        network's weights are drawn from the same random numbers whatever the activation, so the
 *                        latent codes of a seed are the same and only the expression differs
 */
public record SimulationSettings(int backgroundCells, int targetCells, int genes, int sharedDim, int salientDim,
                                 int components, int mixingLayers, Likelihood noise, double noiseScale,
                                 double meanLibrary, double dispersion, long seed, Activation mixingActivation) {

    public SimulationSettings {
        Objects.requireNonNull(noise, "noise");
        Objects.requireNonNull(mixingActivation, "mixing activation");
        if (mixingActivation == Activation.RELU) {
            throw new IllegalArgumentException("Setting 'mixing activation' must be LEAKY_RELU or TANH, got RELU: a "
                    + "plain ReLU network can map different codes to the same expression (not injective)");
        }
        positive("background cells", backgroundCells);
        positive("target cells", targetCells);
        positive("genes", genes);
        positive("shared latent size", sharedDim);
        positive("salient latent size", salientDim);
        positive("mixture components", components);
        if (mixingLayers < 0) {
            throw new IllegalArgumentException("Setting 'mixing layers' must be at least 0, got " + mixingLayers);
        }
        if (genes < sharedDim + salientDim) {
            throw new IllegalArgumentException("Setting 'genes' (" + genes + ") must be at least k_z + k_t ("
                    + (sharedDim + salientDim) + ") for the mixing to be injective");
        }
        if (!(noiseScale >= 0) || !(meanLibrary > 0) || !(dispersion > 0)) {
            throw new IllegalArgumentException("Noise scale must be >= 0, mean library size and dispersion > 0");
        }
    }

    /** Settings with the default mixing activation, leaky ReLU (the only one before the setting existed). */
    public SimulationSettings(int backgroundCells, int targetCells, int genes, int sharedDim, int salientDim,
                              int components, int mixingLayers, Likelihood noise, double noiseScale,
                              double meanLibrary, double dispersion, long seed) {
        this(backgroundCells, targetCells, genes, sharedDim, salientDim, components, mixingLayers, noise, noiseScale,
                meanLibrary, dispersion, seed, Activation.LEAKY_RELU);
    }

    /** The main job's default: 2,000 + 2,000 cells, 100 genes, k_z = k_t = 2, 3 components, Gaussian noise. */
    public static SimulationSettings defaults() {
        return new SimulationSettings(2000, 2000, 100, 2, 2, 3, 2, Likelihood.GAUSSIAN, 0.1, 1000, 5.0, 7);
    }

    public SimulationSettings withSeed(long s) {
        return new SimulationSettings(backgroundCells, targetCells, genes, sharedDim, salientDim, components,
                mixingLayers, noise, noiseScale, meanLibrary, dispersion, s, mixingActivation);
    }

    public SimulationSettings withNoise(Likelihood n) {
        return new SimulationSettings(backgroundCells, targetCells, genes, sharedDim, salientDim, components,
                mixingLayers, n, noiseScale, meanLibrary, dispersion, seed, mixingActivation);
    }

    public SimulationSettings withSize(int background, int target, int g) {
        return new SimulationSettings(background, target, g, sharedDim, salientDim, components, mixingLayers, noise,
                noiseScale, meanLibrary, dispersion, seed, mixingActivation);
    }

    public SimulationSettings withLatentSizes(int kz, int kt) {
        return new SimulationSettings(backgroundCells, targetCells, genes, kz, kt, components, mixingLayers, noise,
                noiseScale, meanLibrary, dispersion, seed, mixingActivation);
    }

    /**
     * The same settings with another mixing activation (the random numbers drawn stay the same).
     *
     * @throws IllegalArgumentException for RELU (not injective)
     */
    public SimulationSettings withMixingActivation(Activation a) {
        return new SimulationSettings(backgroundCells, targetCells, genes, sharedDim, salientDim, components,
                mixingLayers, noise, noiseScale, meanLibrary, dispersion, seed, a);
    }

    /** The same settings with another mean library size (mean counts per cell) of count noise. */
    public SimulationSettings withMeanLibrary(double library) {
        return new SimulationSettings(backgroundCells, targetCells, genes, sharedDim, salientDim, components,
                mixingLayers, noise, noiseScale, library, dispersion, seed, mixingActivation);
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException("Setting '" + name + "' must be at least 1, got " + v);
        }
    }
}
