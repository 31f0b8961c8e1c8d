package org.cdgm.engine.simulation;

import org.cdgm.engine.data.ContrastiveDataset;

/**
 * A simulated data set and its truth. Latent arrays are per cell, background cells first in their own arrays:
 * {@code backgroundShared} (n_b x k_z), {@code targetShared} (n_t x k_z), {@code targetSalient} (n_t x k_t);
 * background cells have t = 0 by construction. Component labels say which mixture component drew each code.
 */
public record SimulatedData(ContrastiveDataset dataset, SimulationSettings settings, double[][] backgroundShared,
                            double[][] targetShared, double[][] targetSalient, int[] targetSalientComponent,
                            int[] targetSharedComponent) {
}
