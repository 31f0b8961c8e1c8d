/**
 * The contrastive VAE as a computation (scvi-tools calls it the "module"): Gaussian encoders q(z|x) and q(t|x), the
 * decoder f(z, t) shared by background and target, dense layers and their hand-written forward and backward passes,
 * and the ELBO terms of a step. Holds no parameter values; they are passed in as one flat vector laid out by
 * {@code model.parameters}. Lopez et al. (CLeaR 2024): a piecewise affine (ReLU) decoder makes the latent blocks
 * identifiable.
 */
package org.cdgm.engine.model.network;
