package org.cdgm.engine.training;

/**
 * One epoch of training: mean losses per cell (negative ELBOs) on training batches and on the validation split
 * (NaN without one), the regulariser, the mean MGDA weight alpha of the background objective (NaN unless MO) and
 * the dual variable lambda at the end of the epoch (NaN unless CO).
 */
public record EpochReport(int epoch, double trainBackgroundLoss, double trainTargetLoss, double trainRegulariser,
                          double validationBackgroundLoss, double validationTargetLoss,
                          double validationRegulariser, double meanAlpha, double lambda, double seconds) {
}
