package org.cdgm.engine.model;

import java.util.Objects;

/**
 * Architecture of a contrastive VAE. Every setting is validated here, once, with a message naming it.
 *
 * @param genes           number of input features (genes)
 * @param sharedDim       k_z, size of the shared (background) latent z
 * @param salientDim      k_t, size of the salient latent t, present only in target cells
 * @param hiddenWidth     width of every hidden layer
 * @param encoderLayers   hidden layers in each encoder (0 = linear encoder)
 * @param decoderLayers   hidden layers in the decoder (0 = linear decoder)
 * @param activation      hidden nonlinearity; piecewise affine (ReLU) for identifiability
 * @param likelihood      observation model
 * @param prior           prior of both latent blocks
 * @param priorComponents mixture components per block (ignored for STANDARD_NORMAL)
 * @param precision       float type of the computation
 * @param batchLevels     levels of the batch covariate fed one-hot to both encoders and the decoder (scVI's
 *                        {@code batch_key}); 0 = no covariate, else at least 2
 */
public record ModelConfig(int genes, int sharedDim, int salientDim, int hiddenWidth, int encoderLayers,
                          int decoderLayers, Activation activation, Likelihood likelihood, PriorKind prior,
                          int priorComponents, Precision precision, int batchLevels) {

    public ModelConfig {
        requireAtLeast("genes", genes, 1);
        requireAtLeast("shared latent size (k_z)", sharedDim, 1);
        requireAtLeast("salient latent size (k_t)", salientDim, 1);
        requireAtLeast("hidden width", hiddenWidth, 1);
        requireAtLeast("encoder layers", encoderLayers, 0);
        requireAtLeast("decoder layers", decoderLayers, 0);
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(likelihood, "likelihood");
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(precision, "precision");
        if (prior == PriorKind.MIXTURE_OF_GAUSSIANS) {
            requireAtLeast("prior components", priorComponents, 2);
        }
        if (sharedDim > 64 || salientDim > 64) {
            throw new IllegalArgumentException("Latent sizes above 64 are not supported (k_z=" + sharedDim
                    + ", k_t=" + salientDim + "); they defeat the purpose of a low-dimensional comparison");
        }
        if (batchLevels != 0) {
            requireAtLeast("batch levels", batchLevels, 2);
        }
    }

    /** An architecture without a batch covariate. */
    public ModelConfig(int genes, int sharedDim, int salientDim, int hiddenWidth, int encoderLayers,
                       int decoderLayers, Activation activation, Likelihood likelihood, PriorKind prior,
                       int priorComponents, Precision precision) {
        this(genes, sharedDim, salientDim, hiddenWidth, encoderLayers, decoderLayers, activation, likelihood, prior,
                priorComponents, precision, 0);
    }

    /** Whether the model takes a batch covariate. */
    public boolean hasBatchCovariate() {
        return batchLevels > 0;
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("Setting '" + name + "' must be at least " + min + ", got " + value);
        }
    }

    /** Defaults that work for a few hundred genes: 2 + 2 latents, one hidden layer of 128, ReLU, MoG(4) prior. */
    public static ModelConfig defaults(int genes, Likelihood likelihood) {
        return new ModelConfig(genes, 2, 2, 128, 1, 1, Activation.RELU, likelihood, PriorKind.MIXTURE_OF_GAUSSIANS,
                4, Precision.FLOAT32);
    }

    public ModelConfig withLatentSizes(int shared, int salient) {
        return new ModelConfig(genes, shared, salient, hiddenWidth, encoderLayers, decoderLayers, activation,
                likelihood, prior, priorComponents, precision, batchLevels);
    }

    public ModelConfig withNetwork(int width, int encLayers, int decLayers, Activation act) {
        return new ModelConfig(genes, sharedDim, salientDim, width, encLayers, decLayers, act, likelihood, prior,
                priorComponents, precision, batchLevels);
    }

    /** The same architecture with a batch covariate of {@code levels} levels (0 = none). */
    public ModelConfig withBatchLevels(int levels) {
        return new ModelConfig(genes, sharedDim, salientDim, hiddenWidth, encoderLayers, decoderLayers, activation,
                likelihood, prior, priorComponents, precision, levels);
    }
}
