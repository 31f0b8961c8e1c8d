package org.cdgm.engine.training;

import java.util.List;

import org.cdgm.engine.model.TrainedModel;

/**
 * What a fit returns: the model at its best validation epoch, the per-epoch history, whether early stopping
 * ended training, for constrained modes the final lambda and whether the chosen epoch met the constraint, and
 * how many cells the training steps processed (background plus target batches; for throughput figures).
 */
public record TrainingResult(TrainedModel model, List<EpochReport> history, int bestEpoch, boolean stoppedEarly,
                             double finalLambda, boolean constraintSatisfied, long cellsProcessed) {

    public TrainingResult {
        history = List.copyOf(history);
    }
}
