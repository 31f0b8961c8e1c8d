package org.cdgm.engine.tuning;

import org.cdgm.engine.training.TrainingResult;

/**
 * A fitted candidate and the objectives it reached at its chosen epoch, all on the validation split (training
 * batches if there is none): the background and target losses (negative ELBO per cell, lower is better) and the
 * regulariser (how much salient signal leaks, lower is better).
 */
public record TuningFit(TuningCandidate candidate, TrainingResult result, double backgroundLoss, double targetLoss,
                        double regulariser, boolean paretoOptimal) {

    /** The three objectives, all minimised. */
    double[] objectives() {
        return new double[] {backgroundLoss, targetLoss, Double.isNaN(regulariser) ? 0 : regulariser};
    }

    TuningFit withParetoOptimal(boolean optimal) {
        return new TuningFit(candidate, result, backgroundLoss, targetLoss, regulariser, optimal);
    }
}
