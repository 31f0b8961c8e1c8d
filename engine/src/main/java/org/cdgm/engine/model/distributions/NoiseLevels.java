package org.cdgm.engine.model.distributions;

/**
 * Observation parameters given in natural units rather than learned, the same for every gene: what a simulation
 * sets ({@link ObservationModel#sampler(NoiseLevels, int)}). A model uses those of its own parameters and ignores the
 * others.
 *
 * @param standardDeviation Gaussian noise standard deviation, in the data's units (>= 0)
 * @param inverseDispersion negative binomial theta (> 0): variance mu + mu^2 / theta
 */
public record NoiseLevels(double standardDeviation, double inverseDispersion) {
}
