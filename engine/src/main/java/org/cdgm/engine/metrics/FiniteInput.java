package org.cdgm.engine.metrics;

import org.cdgm.engine.data.InvalidInputException;

/**
 * The metrics' guard against coordinates that are not numbers. NaN or infinite coordinates (a diverged fit, a
 * missing value read as NaN) would otherwise give a meaningless score or fail deep inside a metric (the linear
 * assignment of the MCC cannot match NaN correlations); this names the embedding, the cell and the dimension.
 */
final class FiniteInput {
    private FiniteInput() {
    }

    /**
     * @param x    cells x dimensions
     * @param what the embedding in words, e.g. "the learned salient coordinates of the target cells"
     * @throws InvalidInputException at the first value that is NaN or infinite
     */
    static void require(double[][] x, String what) {
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new InvalidInputException("Cannot score " + what + ": cell " + (i + 1) + ", dimension "
                            + (j + 1) + " is " + x[i][j] + ". Coordinates must be finite numbers; a NaN usually "
                            + "means the fit diverged (train again with a lower learning rate) or a value is missing.");
                }
            }
        }
    }
}
