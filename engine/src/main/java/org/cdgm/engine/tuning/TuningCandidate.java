package org.cdgm.engine.tuning;

/** One point of a tuning grid: latent sizes and the constraint level (or penalty weight, if unconstrained). */
public record TuningCandidate(int sharedDim, int salientDim, double epsilon) {
}
