package org.cdgm.engine.training;

import org.cdgm.engine.data.UserChoice;

/** How the background and target objectives and the regulariser are combined. */
public enum TrainingMode implements UserChoice {
    /** Weighted sum: background loss + target loss + weight x regulariser. */
    CLASSIC(false, false, "Classic (fixed penalty weight)",
            "One loss: background + target + penalty weight x regulariser."),
    /** MO-cVAE: min-norm (MGDA) combination of background and target gradients on shared parameters. */
    MULTI_OBJECTIVE(true, false, "Multi-objective (MO-cVAE)",
            "Background and target are two objectives; each step improves both (MGDA), with a penalty weight."),
    /** CO-cVAE: regulariser <= epsilon, enforced by a dual variable lambda (projected gradient ascent). */
    CONSTRAINED(false, true, "Constrained (CO-cVAE)",
            "The regulariser must stay below epsilon; the model finds the penalty (lambda) itself."),
    /** Both: MGDA on the two ELBOs plus the constraint. */
    MULTI_OBJECTIVE_CONSTRAINED(true, true, "Multi-objective constrained (MO + CO-cVAE)",
            "Both: two objectives improved together, and the regulariser kept below epsilon.");

    private final boolean multiObjective;
    private final boolean constrained;
    private final String title;
    private final String help;

    TrainingMode(boolean multiObjective, boolean constrained, String title, String help) {
        this.multiObjective = multiObjective;
        this.constrained = constrained;
        this.title = title;
        this.help = help;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String help() {
        return help;
    }

    public boolean isMultiObjective() {
        return multiObjective;
    }

    public boolean isConstrained() {
        return constrained;
    }
}
