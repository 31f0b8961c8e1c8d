package org.cdgm.engine.model;

import org.cdgm.engine.data.ValueDomain;

/** Observation noise model p(x | decoder output). */
public enum Likelihood {
    /** Continuous data; per-gene variance. */
    GAUSSIAN(false),
    /** Counts; rate = library size x softmax(decoder output). */
    POISSON(true),
    /** Over-dispersed counts; mean as for Poisson, per-gene inverse dispersion (scVI's parameterisation). */
    NEGATIVE_BINOMIAL(true);

    private final boolean counts;

    Likelihood(boolean counts) {
        this.counts = counts;
    }

    /** Whether the data must be non-negative integer counts. */
    public boolean isCount() {
        return counts;
    }

    public ValueDomain valueDomain() {
        return counts ? ValueDomain.COUNTS : ValueDomain.REAL;
    }
}
