/**
 * Fitting a contrastive VAE: the training loop ({@link org.cdgm.engine.training.Trainer}), its modes (classic
 * penalty, multi-objective MO-cVAE with MGDA, constrained CO-cVAE with dual ascent; Lopez et al., CLeaR 2024), the
 * optimiser (Adam), batch sampling, the train/validation split, checkpoint choice under a constraint, gradient
 * clipping and divergence detection, and the settings record that validates every training option once.
 */
package org.cdgm.engine.training;
