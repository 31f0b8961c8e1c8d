package org.cdgm.engine.numeric;

/**
 * log Gamma and digamma for positive arguments, in plain Java: ND4J's own Lgamma/Digamma custom ops were the
 * largest single cost of a negative binomial training step (digamma alone about a quarter of native time in a JFR
 * profile of the Papalexi fit, 2026-11-24), and the likelihood needs them only where a count is not zero. Both
 * shift the argument up to at least 10 by the recurrences and then use the asymptotic (Stirling) series, accurate
 * to about 1e-13 in double precision (tested against known values and against each other by finite differences).
 */
public final class SpecialFunctions {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SHIFT = 10.0;

    private SpecialFunctions() {
    }

    /** log k! for the counts most cells have; larger counts go through the series. */
    private static final double[] LOG_FACTORIAL = new double[1 << 14];

    static {
        for (int k = 2; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    /** log Gamma(x) for x > 0. */
    public static double lgamma(double x) {
        // Gamma(x) = Gamma(x + 1) / x: shift up to SHIFT, multiplying the divisors (one log, not one per step;
        // the product of at most 10 factors below 10 cannot overflow).
        double product = 1;
        while (x < SHIFT) {
            product *= x;
            x += 1;
        }
        double shift = Math.log(product);
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680
                - inv2 * (1.0 / 1188)))));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
    }

    /** digamma(x) = d/dx log Gamma(x) for x > 0. */
    public static double digamma(double x) {
        double shift = 0;
        while (x < SHIFT) {
            shift += 1 / x; // psi(x) = psi(x + 1) - 1 / x
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
                - inv2 * (1.0 / 132)))));
        return Math.log(x) - 0.5 * inv - series - shift;
    }

    /** log(x!) = log Gamma(x + 1) for a non-negative whole number x (a count), from a table when small. */
    public static double logFactorial(double x) {
        return x < LOG_FACTORIAL.length && x == (int) x ? LOG_FACTORIAL[(int) x] : lgamma(x + 1);
    }
}
