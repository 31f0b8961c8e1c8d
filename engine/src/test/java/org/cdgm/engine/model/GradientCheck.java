package org.cdgm.engine.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences against an analytic gradient, on every coordinate of a flat parameter vector. */
public final class GradientCheck {
    private GradientCheck() {
    }

    /**
     * Asserts |analytic - numeric| <= absTol + relTol * max(|analytic|, |numeric|) for every coordinate, and
     * returns the largest violation ratio seen (for diagnostics).
     */
    public static double assertMatches(INDArray params, INDArray analytic, ToDoubleFunction<INDArray> loss,
                                       double h, double absTol, double relTol, String what) {
        double worst = 0;
        StringBuilder failures = new StringBuilder();
        long n = params.length();
        for (long i = 0; i < n; i++) {
            double orig = params.getDouble(0, i);
            params.putScalar(0, i, orig + h);
            double up = loss.applyAsDouble(params);
            params.putScalar(0, i, orig - h);
            double down = loss.applyAsDouble(params);
            params.putScalar(0, i, orig);
            double numeric = (up - down) / (2 * h);
            double a = analytic.getDouble(0, i);
            double allowed = absTol + relTol * Math.max(Math.abs(a), Math.abs(numeric));
            double ratio = Math.abs(a - numeric) / allowed;
            worst = Math.max(worst, ratio);
            if (ratio > 1 && failures.length() < 2000) {
                failures.append(String.format("  [%d] analytic %.8g numeric %.8g%n", i, a, numeric));
            }
        }
        assertTrue(failures.length() == 0, what + ": gradient mismatch\n" + failures);
        return worst;
    }
}
