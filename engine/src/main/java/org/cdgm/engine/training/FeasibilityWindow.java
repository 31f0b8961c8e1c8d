package org.cdgm.engine.training;

/**
 * Running estimate of the constrained regulariser R over the last training steps: their mean and its standard
 * error (sample standard deviation / sqrt(steps)). Feasibility is judged on this rather than on the validation
 * split: the validation split of a small data set has a few dozen cells per condition, where a kernel estimate's
 * noise floor alone exceeds a typical epsilon (issue 11: validation MMD never below ~0.10 with 14-30 cells), while
 * the training batches are the very estimate the dual ascent drives to epsilon.
 */
final class FeasibilityWindow {
    /** The fewest steps an estimate averages (epochs of a small data set have a single step). */
    static final int MIN_STEPS = 10;

    private final double[] values;
    private int count;
    private int next;

    /** @param steps how many of the latest steps to average (at least {@link #MIN_STEPS} are kept) */
    FeasibilityWindow(int steps) {
        values = new double[Math.max(steps, MIN_STEPS)];
    }

    void add(double regulariser) {
        values[next] = regulariser;
        next = (next + 1) % values.length;
        count = Math.min(count + 1, values.length);
    }

    double mean() {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += values[i];
        }
        return count == 0 ? Double.NaN : s / count;
    }

    /** Standard error of {@link #mean()}; NaN with fewer than 2 values. */
    double standardError() {
        if (count < 2) {
            return Double.NaN;
        }
        double m = mean();
        double ss = 0;
        for (int i = 0; i < count; i++) {
            ss += (values[i] - m) * (values[i] - m);
        }
        return Math.sqrt(ss / (count - 1) / count);
    }

    /** Whether the estimate is within two standard errors of epsilon (or below it). */
    static boolean feasible(double mean, double standardError, double epsilon) {
        double noise = Double.isNaN(standardError) ? 0 : standardError;
        return mean <= epsilon + 2 * noise;
    }
}
