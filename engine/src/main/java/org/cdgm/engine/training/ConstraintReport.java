package org.cdgm.engine.training;

import java.util.Locale;

/**
 * Whether the kept epoch of a constrained fit (CO-cVAE, Lopez et al. 2024) met its constraint R <= epsilon, and the
 * figures behind the verdict. R is judged on a running estimate over the training batches (mean of the last steps'
 * values, at least {@link FeasibilityWindow#MIN_STEPS}) with its standard error: the same minibatch estimate the
 * dual ascent drives towards epsilon. An epoch counts as meeting the constraint when its estimate is within two
 * standard errors of epsilon, so a fit is not called infeasible because of the regulariser's sampling noise.
 *
 * @param status        met, not met, or not measured (an unconstrained mode has nothing to meet)
 * @param epsilon       the level used (after "auto" was resolved); NaN when not measured
 * @param regulariser   the running estimate of R at the kept epoch; NaN when not measured
 * @param standardError its standard error; NaN when not measured
 * @param noiseFloor    the regulariser's mean noise floor on the first steps (what it reads when the compared code
 *                      sets come from one distribution, see {@code Regulariser#noiseFloor}); NaN when not measured
 */
public record ConstraintReport(Status status, double epsilon, double regulariser, double standardError,
                               double noiseFloor) {

    /** The three answers to "was the constraint met?". */
    public enum Status {
        MET, NOT_MET, NOT_MEASURED
    }

    /** The report of an unconstrained fit. */
    public static ConstraintReport notMeasured() {
        return new ConstraintReport(Status.NOT_MEASURED, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean met() {
        return status == Status.MET;
    }

    /** true, false or null (not measured), for JSON and flow variables. */
    public Boolean asBoolean() {
        return status == Status.NOT_MEASURED ? null : status == Status.MET;
    }

    /** One sentence for a user, e.g. "met: regulariser 0.041 ± 0.003 <= epsilon 0.052". */
    public String describe() {
        if (status == Status.NOT_MEASURED) {
            return "not measured (no constraint in this training mode)";
        }
        return String.format(Locale.ROOT, "%s: regulariser %.4g ± %.2g %s epsilon %.4g", status == Status.MET
                ? "met" : "not met", regulariser, standardError, status == Status.MET ? "<=" : ">", epsilon);
    }
}
