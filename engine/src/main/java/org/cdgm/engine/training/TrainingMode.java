package org.cdgm.engine.training;

import java.util.function.Supplier;

import org.cdgm.engine.data.UserChoice;

/**
 * How the background and target objectives and the regulariser are combined: each mode names its
 * {@link GradientCombiner} and its {@link RegulariserWeight} (a {@link TrainingPlan}). A new mode is one constant
 * here; whether it is multi-objective or constrained follows from its parts.
 */
public enum TrainingMode implements UserChoice {
    /** Weighted sum: background loss + target loss + weight x regulariser. */
    CLASSIC(WeightedSum::new, FixedPenalty::new, "Classic (fixed penalty weight)",
            "One loss: background + target + penalty weight x regulariser."),
    /** MO-cVAE: min-norm (MGDA) combination of background and target gradients on shared parameters. */
    MULTI_OBJECTIVE(Mgda::new, FixedPenalty::new, "Multi-objective (MO-cVAE)",
            "Background and target are two objectives; each step improves both (MGDA), with a penalty weight."),
    /** CO-cVAE: regulariser <= epsilon, enforced by a dual variable lambda (projected gradient ascent). */
    CONSTRAINED(WeightedSum::new, DualAscent::new, "Constrained (CO-cVAE)",
            "The regulariser must stay below epsilon; the model finds the penalty (lambda) itself."),
    /** Both: MGDA on the two ELBOs plus the constraint. */
    MULTI_OBJECTIVE_CONSTRAINED(Mgda::new, DualAscent::new, "Multi-objective constrained (MO + CO-cVAE)",
            "Both: two objectives improved together, and the regulariser kept below epsilon.");

    private final TrainingPlan plan;
    private final boolean multiObjective;
    private final boolean constrained;
    private final String title;
    private final String help;

    TrainingMode(Supplier<GradientCombiner> combiner, Supplier<RegulariserWeight> weight, String title,
                 String help) {
        this.plan = new TrainingPlan(combiner, weight);
        this.multiObjective = combiner.get().multiObjective();
        this.constrained = weight.get().isConstraint();
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

    /** The combiner and weight a fit in this mode uses. */
    public TrainingPlan plan() {
        return plan;
    }

    /** Whether the combiner weighs background and target against each other (MGDA's alpha per epoch). */
    public boolean isMultiObjective() {
        return multiObjective;
    }

    /** Whether the regulariser is a constraint (epsilon, lambda and a {@link ConstraintReport}). */
    public boolean isConstrained() {
        return constrained;
    }
}
