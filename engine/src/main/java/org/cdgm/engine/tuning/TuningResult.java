package org.cdgm.engine.tuning;

import java.util.List;

/**
 * Every fit of a tuning run in grid order (each with its seeds' fits and stability, and whether it lies on the
 * Pareto front), the chosen one, and why it was chosen ({@link TuningPick}).
 *
 * @param bestIndex       the chosen fit
 * @param lowestLossIndex the acceptable fit with the lowest held-out loss, which the pick may pass over for a more
 *                        stable one
 * @param notes           one sentence each, explaining how the fits were scored and the pick
 */
public record TuningResult(List<TuningFit> fits, int bestIndex, int lowestLossIndex, List<String> notes) {
    public TuningResult {
        fits = List.copyOf(fits);
        notes = List.copyOf(notes);
    }

    public TuningFit best() {
        return fits.get(bestIndex);
    }

    /** Whether the chosen fit is the lowest-loss one (stability did not change the pick). */
    public boolean pickedLowestLoss() {
        return bestIndex == lowestLossIndex;
    }
}
