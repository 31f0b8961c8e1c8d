package org.cdgm.engine.metrics;

/**
 * Mean and sample standard deviation of a few values (e.g. one score over the seeds of a stability experiment).
 * Two loops over a handful of numbers: not worth a statistics library dependency in the engine.
 */
public final class SampleSummary {
    private SampleSummary() {
    }

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** The sample standard deviation (n - 1 in the denominator); NaN for fewer than 2 values. */
    public static double sd(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
