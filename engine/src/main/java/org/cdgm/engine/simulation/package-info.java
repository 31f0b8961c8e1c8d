/**
 * Simulated data with known latents for checking identifiability: shared and salient latents, a random decoder of
 * a chosen activation, and observations drawn from the model's own likelihoods, with the true mixing kept for
 * scoring.
 */
package org.cdgm.engine.simulation;
