package org.cdgm.engine.training;

import java.util.List;

import org.cdgm.engine.model.TrainedModel;

/**
 * What a fit returns: the model at its best validation epoch, the per-epoch history, whether early stopping
 * ended training, for constrained modes the final lambda and whether the chosen epoch met the constraint
 * ({@link ConstraintReport}: met, not met or not measured, with epsilon and the regulariser's estimate), how
 * many cells the training steps processed (background plus target batches; for throughput figures), and notes
 * for the user about what training adjusted (e.g. a batch size lowered to a small data set), one sentence each.
 */
public record TrainingResult(TrainedModel model, List<EpochReport> history, int bestEpoch, boolean stoppedEarly,
                             double finalLambda, ConstraintReport constraint, long cellsProcessed,
                             List<String> notes) {

    public TrainingResult {
        history = List.copyOf(history);
        notes = List.copyOf(notes);
        java.util.Objects.requireNonNull(constraint, "constraint");
    }

    /** Whether the kept epoch met the constraint; false when it was not met or not measured. */
    public boolean constraintMet() {
        return constraint.met();
    }

    /** Without notes. */
    public TrainingResult(TrainedModel model, List<EpochReport> history, int bestEpoch, boolean stoppedEarly,
                          double finalLambda, ConstraintReport constraint, long cellsProcessed) {
        this(model, history, bestEpoch, stoppedEarly, finalLambda, constraint, cellsProcessed, List.of());
    }
}
