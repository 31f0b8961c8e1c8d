package org.cdgm.engine.model.distributions;

import org.cdgm.engine.numeric.SpecialFunctions;

/**
 * lgamma(x + theta_g) - lgamma(theta_g) and digamma(x + theta_g) - digamma(theta_g) per gene: tabulated for the
 * small counts that make up most non-zero entries (1-8: 93 % of those of the Papalexi screen), from the
 * recurrences, so the batch needs a few logarithms per gene instead of one or more per non-zero entry.
 */
final class CountShifts {
    private static final int TABLE = 8;
    private final double[] theta;
    private final double[] lgammaTheta;
    private final double[] digammaTheta;
    private final double[] lgammaTable; // [g * (TABLE + 1) + x]
    private final double[] digammaTable;

    CountShifts(double[] theta) {
        int genes = theta.length;
        this.theta = theta;
        this.lgammaTheta = new double[genes];
        this.digammaTheta = new double[genes];
        this.lgammaTable = new double[genes * (TABLE + 1)];
        this.digammaTable = new double[genes * (TABLE + 1)];
        for (int g = 0; g < genes; g++) {
            lgammaTheta[g] = SpecialFunctions.lgamma(theta[g]);
            digammaTheta[g] = SpecialFunctions.digamma(theta[g]);
            int at = g * (TABLE + 1);
            for (int x = 1; x <= TABLE; x++) {
                // Gamma(theta + x) = (theta + x - 1) Gamma(theta + x - 1)
                lgammaTable[at + x] = lgammaTable[at + x - 1] + Math.log(theta[g] + x - 1);
                digammaTable[at + x] = digammaTable[at + x - 1] + 1 / (theta[g] + x - 1);
            }
        }
    }

    /** lgamma(x + theta_g) - lgamma(theta_g) for a count x >= 0 (exactly 0 for x = 0, from the table). */
    double lgamma(double x, int g) {
        return x <= TABLE && x == (int) x ? lgammaTable[g * (TABLE + 1) + (int) x]
                : SpecialFunctions.lgamma(x + theta[g]) - lgammaTheta[g];
    }

    /** digamma(x + theta_g) - digamma(theta_g) for a count x >= 0 (exactly 0 for x = 0, from the table). */
    double digamma(double x, int g) {
        return x <= TABLE && x == (int) x ? digammaTable[g * (TABLE + 1) + (int) x]
                : SpecialFunctions.digamma(x + theta[g]) - digammaTheta[g];
    }
}
