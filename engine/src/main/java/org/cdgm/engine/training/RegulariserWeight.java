package org.cdgm.engine.training;

import java.util.List;

import org.cdgm.engine.model.network.LatentCodes;
import org.cdgm.engine.objectives.Regulariser;

/**
 * The weight a training mode puts on the regulariser: fixed ({@link FixedPenalty}, classic and MO training) or a
 * dual variable that enforces R <= epsilon ({@link DualAscent}, CO training). One instance serves one fit; the
 * trainer calls {@link #start} once, then per step {@link #observe}, {@link #weight} and {@link #update}.
 */
public interface RegulariserWeight {

    /**
     * The regulariser's running estimate that a constraint is judged on by the checkpoint choice.
     *
     * @param regulariser   mean of R over the latest training steps
     * @param standardError its standard error
     * @param epsilon       the constraint level
     */
    record Estimate(double regulariser, double standardError, double epsilon) {
        /** What a weight without a constraint reports. */
        public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Reads the settings it needs for a fit.
     *
     * @param stepsPerEpoch optimisation steps per epoch (>= 1)
     */
    void start(TrainingSettings settings, int stepsPerEpoch);

    /**
     * Sees the step's latent codes before {@link #weight()} is read, in fits with a regulariser (the dual ascent
     * measures its noise floor there).
     */
    default void observe(Regulariser regulariser, LatentCodes codes) {
    }

    /** The regulariser's weight in this step's loss (>= 0). */
    double weight();

    /** After the step, with the regulariser's value on its batch. */
    default void update(double regulariser) {
    }

    /**
     * The validation objective early stopping and checkpointing compare, from the validation ELBO loss (background
     * plus target, per cell) and the validation regulariser.
     */
    double validationObjective(double loss, double regulariser);

    /** The dual variable lambda after the latest update; NaN without one. */
    default double lambda() {
        return Double.NaN;
    }

    /** Whether the regulariser is a constraint R <= epsilon (checkpoints then prefer epochs that meet it). */
    boolean isConstraint();

    /** The current estimate for the checkpoint choice; {@link Estimate#NONE} without a constraint. */
    default Estimate estimate() {
        return Estimate.NONE;
    }

    /**
     * Whether the kept epoch met the constraint.
     *
     * @param feasible      whether the checkpoint choice judged the kept epoch within the constraint
     * @param regulariser   the kept epoch's running estimate of R
     * @param standardError its standard error
     */
    ConstraintReport report(boolean feasible, double regulariser, double standardError);

    /** Sentences for the user about how the weight behaved over the fit (none by default). */
    default List<String> notes(List<EpochReport> history) {
        return List.of();
    }
}
