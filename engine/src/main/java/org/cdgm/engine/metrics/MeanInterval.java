package org.cdgm.engine.metrics;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of a few values (e.g. one score over the fits of an experiment, one per data seed and training seed) with
 * its Student t confidence interval: mean +- t(1 - (1 - level) / 2, n - 1) * sd / sqrt(n). The interval treats the
 * values as independent draws from one normal distribution; fits that share a data set are not independent, so with
 * several training seeds per data set it is somewhat too narrow. The t quantile comes from Apache Commons Math.
 *
 * @param mean the arithmetic mean; NaN for no values
 * @param low  lower end of the interval; NaN for fewer than 2 values (no spread to estimate)
 * @param high upper end; NaN for fewer than 2 values
 * @param n    number of values
 */
public record MeanInterval(double mean, double low, double high, int n) {

    /**
     * @param values the values (finite)
     * @param level  coverage of the interval, e.g. 0.95
     * @throws IllegalArgumentException when the level is not strictly between 0 and 1 or a value is not finite
     */
    public static MeanInterval of(double[] values, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("The confidence level must be between 0 and 1, got " + level);
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("A value to summarise is " + v + "; every value must be finite");
            }
        }
        double mean = SampleSummary.mean(values);
        if (values.length < 2) {
            return new MeanInterval(mean, Double.NaN, Double.NaN, values.length);
        }
        double t = new TDistribution(null, values.length - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double half = t * SampleSummary.sd(values) / Math.sqrt(values.length);
        return new MeanInterval(mean, mean - half, mean + half, values.length);
    }
}
