package org.cdgm.engine.analysis;

/**
 * The energy distance between two sets of points (Székely and Rizzo 2004, "Testing for equal distributions in high
 * dimension", InterStat; 2013, "Energy statistics: a class of statistics based on distances", J. Stat. Plan.
 * Inference 143:1249-1272):
 * <pre>E(X, Y) = 2·mean|x_i − y_j| − mean|x_i − x_i'| − mean|y_j − y_j'|</pre>
 * with Euclidean distances and V-statistic means (all ordered pairs, the zero diagonal included), the form scPerturb's
 * E-distance uses (Peidli et al. 2024, "scPerturb: harmonized single-cell perturbation data", Nature Methods
 * 21:531-540). scPerturb uses squared Euclidean distances by default, with which the statistic reduces to twice the
 * squared distance of the two means; we use plain Euclidean distances, the proper energy distance: it is a metric on
 * distributions, 0 if and only if both sets come from the same distribution (in the population), so it also sees a
 * change of spread or shape and not only a shift of the mean. Same units as the coordinates; never negative up to
 * rounding.
 */
public final class EnergyDistance {
    private EnergyDistance() {
    }

    /**
     * @param x cells x dimensions, at least one cell
     * @param y cells x dimensions, at least one cell, the same dimensions as {@code x}
     * @return the energy distance, in the units of the coordinates
     * @throws org.cdgm.engine.data.InvalidInputException when a set is empty, has ragged rows or NaN/infinite
     *                                                    values, or the two differ in dimensions
     */
    public static double between(double[][] x, double[][] y) {
        int dx = Points.require(x, "the first set of points");
        int dy = Points.require(y, "the second set of points");
        Points.sameDimensions(dx, "the first set of points", dy, "the second set of points");
        return 2 * meanDistance(x, y) - meanDistance(x, x) - meanDistance(y, y);
    }

    private static double meanDistance(double[][] x, double[][] y) {
        double s = 0;
        for (double[] p : x) {
            for (double[] q : y) {
                s += Points.distance(p, q);
            }
        }
        return s / ((double) x.length * y.length);
    }
}
