package org.cdgm.engine.analysis;

import org.cdgm.engine.data.InvalidInputException;

/**
 * The guard of this package's point sets (cells x dimensions). As {@code metrics.FiniteInput} does for the scores,
 * it names the set, the cell and the dimension (1-based) of the first bad value, so a NaN from a diverged fit or a
 * ragged array fails here with a message instead of giving a meaningless distance.
 */
final class Points {
    private Points() {
    }

    /**
     * @param x    cells x dimensions
     * @param what the set in words, e.g. "the salient coordinates of the background cells"
     * @return the number of dimensions
     * @throws InvalidInputException when {@code x} is null or empty, a row is null, has no coordinates or a
     *                               different length from the first, or a value is NaN or infinite
     */
    static int require(double[][] x, String what) {
        if (x == null || x.length == 0) {
            throw new InvalidInputException("Cannot compare " + what + ": there are no cells.");
        }
        int d = -1;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length == 0) {
                throw new InvalidInputException("Cannot compare " + what + ": cell " + (i + 1)
                        + " has no coordinates.");
            }
            if (d < 0) {
                d = x[i].length;
            } else if (x[i].length != d) {
                throw new InvalidInputException("Cannot compare " + what + ": cell " + (i + 1) + " has "
                        + x[i].length + " coordinates but cell 1 has " + d + "; all cells need the same dimensions.");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new InvalidInputException("Cannot compare " + what + ": cell " + (i + 1) + ", dimension "
                            + (j + 1) + " is " + x[i][j] + ". Coordinates must be finite numbers; a NaN usually "
                            + "means the fit diverged (train again with a lower learning rate) or a value is missing.");
                }
            }
        }
        return d;
    }

    /** @throws InvalidInputException when the two sets' dimensions differ; the message names both */
    static void sameDimensions(int dx, String whatX, int dy, String whatY) {
        if (dx != dy) {
            throw new InvalidInputException("Cannot compare " + whatX + " (" + dx + " dimensions) with " + whatY
                    + " (" + dy + " dimensions): they must live in the same space.");
        }
    }

    /** Euclidean distance of two rows of equal length. */
    static double distance(double[] p, double[] q) {
        double s = 0;
        for (int j = 0; j < p.length; j++) {
            double t = p[j] - q[j];
            s += t * t;
        }
        return Math.sqrt(s);
    }
}
