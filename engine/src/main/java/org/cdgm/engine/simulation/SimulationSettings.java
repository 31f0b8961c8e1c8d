package org.cdgm.engine.simulation;

import java.util.Objects;

import org.cdgm.engine.model.Likelihood;

/**
 * A synthetic comparative data set with known latents, as in Lopez et al. (CLeaR 2024): z and t from mixtures of
 * Gaussians, a random piecewise affine (leaky-ReLU) network mixing (z, t) into genes, background cells with t = 0,
 * and Gaussian, Poisson or negative binomial noise.
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
 */
public record SimulationSettings(int backgroundCells, int targetCells, int genes, int sharedDim, int salientDim,
                                 int components, int mixingLayers, Likelihood noise, double noiseScale,
                                 double meanLibrary, double dispersion, long seed) {

    public SimulationSettings {
        Objects.requireNonNull(noise, "noise");
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

    /** The main job's default: 2,000 + 2,000 cells, 100 genes, k_z = k_t = 2, 3 components, Gaussian noise. */
    public static SimulationSettings defaults() {
        return new SimulationSettings(2000, 2000, 100, 2, 2, 3, 2, Likelihood.GAUSSIAN, 0.1, 1000, 5.0, 7);
    }

    public SimulationSettings withSeed(long s) {
        return new SimulationSettings(backgroundCells, targetCells, genes, sharedDim, salientDim, components,
                mixingLayers, noise, noiseScale, meanLibrary, dispersion, s);
    }

    public SimulationSettings withNoise(Likelihood n) {
        return new SimulationSettings(backgroundCells, targetCells, genes, sharedDim, salientDim, components,
                mixingLayers, n, noiseScale, meanLibrary, dispersion, seed);
    }

    public SimulationSettings withSize(int background, int target, int g) {
        return new SimulationSettings(background, target, g, sharedDim, salientDim, components, mixingLayers, noise,
                noiseScale, meanLibrary, dispersion, seed);
    }

    public SimulationSettings withLatentSizes(int kz, int kt) {
        return new SimulationSettings(backgroundCells, targetCells, genes, kz, kt, components, mixingLayers, noise,
                noiseScale, meanLibrary, dispersion, seed);
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException("Setting '" + name + "' must be at least 1, got " + v);
        }
    }
}
