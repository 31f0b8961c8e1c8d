package org.cdgm.engine.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.cdgm.engine.data.InvalidInputException;

/**
 * Benjamini-Hochberg adjusted p-values (Benjamini and Hochberg 1995, "Controlling the false discovery rate", J. R.
 * Stat. Soc. B 57:289-300): with the m p-values sorted ascending, p_adj(i) = min over j ≥ i of min(1, m·p(j)/j).
 * Calling everything with p_adj ≤ q keeps the expected share of false calls at most q. The same numbers as R's
 * {@code p.adjust(p, method = "BH")} and statsmodels' {@code multipletests(p, method = "fdr_bh")}. Written here
 * rather than taken from a library because it is a dozen lines and Commons Math has no FDR correction.
 */
public final class BenjaminiHochberg {
    private BenjaminiHochberg() {
    }

    /**
     * @param p p-values in [0, 1]; NaN entries (a test not done) are passed through as NaN and not counted in m,
     *          as R's {@code p.adjust} does with NA
     * @return adjusted p-values, same length and order as {@code p}
     * @throws InvalidInputException when a value is outside [0, 1]; the message names its position (1-based)
     */
    public static double[] adjust(double[] p) {
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i]) && !(p[i] >= 0 && p[i] <= 1)) {
                throw new InvalidInputException("Cannot adjust p-values: value " + (i + 1) + " is " + p[i]
                        + "; p-values lie between 0 and 1.");
            }
        }
        Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        int m = order.length;
        double running = 1;
        for (int rank = m; rank >= 1; rank--) { // step-up: the running minimum from the largest p down
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            adjusted[i] = running;
        }
        return adjusted;
    }
}
