package org.cdgm.engine.model;

import org.cdgm.engine.data.UserChoice;
import org.cdgm.engine.data.ValueDomain;

/** Observation noise model p(x | decoder output). */
public enum Likelihood implements UserChoice {
    /** Continuous data; per-gene variance. */
    GAUSSIAN(false, "Gaussian (continuous values)",
            "For normalised, log-transformed or scaled values; any real number."),
    /** Counts; rate = library size x softmax(decoder output). */
    POISSON(true, "Poisson (counts)", "For raw counts with little overdispersion; whole numbers of at least 0."),
    /** Over-dispersed counts; mean as for Poisson, per-gene inverse dispersion (scVI's parameterisation). */
    NEGATIVE_BINOMIAL(true, "Negative binomial (counts)",
            "For raw UMI counts, as scVI: a per-gene dispersion; whole numbers of at least 0.");

    private final boolean counts;
    private final String title;
    private final String help;

    Likelihood(boolean counts, String title, String help) {
        this.counts = counts;
        this.title = title;
        this.help = help;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String help() {
        return help;
    }

    /** Whether the data must be non-negative integer counts. */
    public boolean isCount() {
        return counts;
    }

    public ValueDomain valueDomain() {
        return counts ? ValueDomain.COUNTS : ValueDomain.REAL;
    }
}
