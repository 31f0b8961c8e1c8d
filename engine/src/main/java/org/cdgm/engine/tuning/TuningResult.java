package org.cdgm.engine.tuning;

import java.util.List;

/** Every fit of a tuning run in grid order, which of them lie on the Pareto front, and the chosen one. */
public record TuningResult(List<TuningFit> fits, int bestIndex) {
    public TuningResult {
        fits = List.copyOf(fits);
    }

    public TuningFit best() {
        return fits.get(bestIndex);
    }
}
