package org.cdgm.engine.training;

/** How the background and target objectives and the regulariser are combined. */
public enum TrainingMode {
    /** Weighted sum: background loss + target loss + weight x regulariser. */
    CLASSIC(false, false),
    /** MO-cVAE: min-norm (MGDA) combination of background and target gradients on shared parameters. */
    MULTI_OBJECTIVE(true, false),
    /** CO-cVAE: regulariser <= epsilon, enforced by a dual variable lambda (projected gradient ascent). */
    CONSTRAINED(false, true),
    /** Both: MGDA on the two ELBOs plus the constraint. */
    MULTI_OBJECTIVE_CONSTRAINED(true, true);

    private final boolean multiObjective;
    private final boolean constrained;

    TrainingMode(boolean multiObjective, boolean constrained) {
        this.multiObjective = multiObjective;
        this.constrained = constrained;
    }

    public boolean isMultiObjective() {
        return multiObjective;
    }

    public boolean isConstrained() {
        return constrained;
    }
}
