package org.cdgm.engine.metrics;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * How often a test rejected at a level, with a binomial 95% confidence interval: for tests of true null hypotheses
 * the rate should be about the level (calibration), for real effects it is the power. The interval is Wilson's score
 * interval (Commons Math; recommended for small counts by Brown, Cai and DasGupta, Statistical Science 16:101-133,
 * 2001); Commons Math 3.6.1's Clopper-Pearson interval fails when none or all tests reject.
 *
 * @param tests    tests counted (p-values given)
 * @param rejected tests with p below the level
 * @param rate     rejected / tests
 * @param lower    lower end of the 95% interval of the rate (0..1)
 * @param upper    upper end of the 95% interval of the rate (0..1)
 */
public record RejectionRate(int tests, int rejected, double rate, double lower, double upper) {
    /** The confidence of the interval. */
    public static final double CONFIDENCE = 0.95;

    /**
     * @param pValues one per test
     * @param level   reject when p &lt; level (e.g. 0.05)
     * @throws IllegalArgumentException when there are no p-values, one is not in [0, 1] or the level is not in (0, 1)
     */
    public static RejectionRate of(double[] pValues, double level) {
        if (pValues.length == 0) {
            throw new IllegalArgumentException("A rejection rate needs at least one p-value");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("The level must be between 0 and 1, got " + level);
        }
        int rejected = 0;
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("A p-value must be in [0, 1], got " + p);
            }
            if (p < level) {
                rejected++;
            }
        }
        ConfidenceInterval ci = new WilsonScoreInterval().createInterval(pValues.length, rejected, CONFIDENCE);
        return new RejectionRate(pValues.length, rejected, (double) rejected / pValues.length,
                Math.max(0, ci.getLowerBound()), Math.min(1, ci.getUpperBound()));
    }
}
