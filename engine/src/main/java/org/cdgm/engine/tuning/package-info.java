/**
 * Choosing latent sizes and training options: candidate grids, several seeds per candidate, the Pareto front of
 * held-out loss, regulariser and seed stability, and the default pick (the most stable fit near the best held-out
 * loss).
 */
package org.cdgm.engine.tuning;
