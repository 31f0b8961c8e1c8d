package org.cdgm.engine.model;

/** Posterior means per cell: shared (background) coordinates z and salient coordinates t. */
public record Embedding(double[][] shared, double[][] salient) {
}
