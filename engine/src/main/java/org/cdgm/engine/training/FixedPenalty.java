package org.cdgm.engine.training;

/**
 * A constant weight on the regulariser: the loss is background + target + {@link TrainingSettings#penaltyWeight()}
 * x R (MM-cVAE's penalty, Weinberger et al. 2022; classic and MO-cVAE training).
 */
public final class FixedPenalty implements RegulariserWeight {
    private double weight = Double.NaN;

    @Override
    public void start(TrainingSettings settings, int stepsPerEpoch) {
        weight = settings.penaltyWeight();
    }

    @Override
    public double weight() {
        return weight;
    }

    /** The penalised loss: {@code loss + weight x regulariser}. */
    @Override
    public double validationObjective(double loss, double regulariser) {
        return loss + weight * regulariser;
    }

    @Override
    public boolean isConstraint() {
        return false;
    }

    @Override
    public ConstraintReport report(boolean feasible, double regulariser, double standardError) {
        return ConstraintReport.notMeasured();
    }
}
