/**
 * Fitting a contrastive VAE: the training loop ({@link org.cdgm.engine.training.Trainer}) and its modes, each a
 * {@link org.cdgm.engine.training.TrainingPlan} of a gradient combiner (weighted sum, or MGDA for multi-objective
 * MO-cVAE) and a regulariser weight (fixed penalty, or dual ascent for constrained CO-cVAE; Lopez et al., CLeaR
 * 2024); the optimiser (Adam), batch sampling, the train/validation split, checkpoint choice under a constraint,
 * gradient clipping and divergence detection, and the settings record that validates every training option once.
 */
package org.cdgm.engine.training;
