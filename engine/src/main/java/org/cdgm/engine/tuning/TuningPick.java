package org.cdgm.engine.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cdgm.engine.training.ConstraintReport;

/**
 * The tuner's default choice among its fits, and why, in sentences for the user.
 *
 * <p>The rule. Only acceptable fits are considered: those that met their constraint or had none to meet (all fits
 * when none did). Among them, the fits whose held-out loss (background + target validation loss, the negative
 * ELBO per cell, mean over seeds) is within a tolerance of the lowest count as equally good, and of those the one
 * with the highest salient stability (mean pairwise MCC between seeds) is chosen; ties go to the smaller model
 * (k_z + k_t), then to the lower loss. Why: larger latent spaces keep lowering the loss a little, while a space
 * that each seed finds again is one the model identifies in practice (Lopez et al., CLeaR 2024), so among fits the
 * data cannot tell apart by loss, the stable one is the one worth interpreting.
 *
 * <p>The tolerance is noise-aware: two standard errors of the best fit's mean held-out loss over its seeds
 * (sample standard deviation / sqrt(seeds)), i.e. the losses that seed noise alone could produce. A relative
 * tolerance (e.g. 1 %) was not used: per-cell losses differ by orders of magnitude between data sets and
 * likelihoods, while the seeds' spread is measured on the data at hand. With 2 seeds the standard error rests on
 * one difference and is itself noisy; when the seeds happen to agree closely the tolerance is small and the rule
 * becomes "lowest loss", the conservative side. With 1 seed per candidate stability is unknown and the rule is
 * the lowest loss (ties: the smaller model).
 *
 * @param index           index of the chosen fit
 * @param lowestLossIndex index of the acceptable fit with the lowest held-out loss (the pick without stability)
 * @param notes           one sentence each: how the fits were scored and why this one was chosen
 */
public record TuningPick(int index, int lowestLossIndex, List<String> notes) {
    /** How many standard errors above the best loss still count as "as good as the best". */
    public static final double TOLERANCE_STANDARD_ERRORS = 2;

    public TuningPick {
        notes = List.copyOf(notes);
    }

    /**
     * @param fits at least one fit, each fitted with {@code seeds.length} seeds
     * @param seeds the seeds every candidate was fitted with
     * @throws IllegalArgumentException when {@code fits} is empty
     */
    static TuningPick of(List<TuningFit> fits, long[] seeds) {
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("No fits to choose from");
        }
        List<String> notes = new ArrayList<>();
        notes.add(seeds.length == 1
                ? "Each candidate was fitted once (seed " + seeds[0] + ")."
                : "Each candidate was fitted with " + seeds.length + " seeds " + java.util.Arrays.toString(seeds)
                        + "; its losses are means over the seeds, its stability the mean agreement (MCC) between "
                        + "seeds, and the model passed on is its seed with the lowest held-out loss.");
        if (!fits.get(0).result().history().isEmpty()
                && Double.isNaN(fits.get(0).result().history().get(0).validationTargetLoss())) {
            notes.add("The validation fraction is 0, so the losses compared are training losses, not held-out ones.");
        }
        List<Integer> pool = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) {
            if (acceptable(fits.get(i))) {
                pool.add(i);
            }
        }
        if (pool.isEmpty()) {
            notes.add("No fit met its constraint, so all fits were considered; consider larger epsilons.");
            for (int i = 0; i < fits.size(); i++) {
                pool.add(i);
            }
        } else if (pool.size() < fits.size()) {
            notes.add((fits.size() - pool.size()) + " of " + fits.size()
                    + " fits did not meet their constraint and were not considered.");
        }
        int best = pool.get(0);
        for (int i : pool) {
            if (lowerLoss(fits.get(i), fits.get(best))) {
                best = i;
            }
        }
        TuningFit b = fits.get(best);
        if (seeds.length == 1) {
            notes.add("With 1 seed per candidate seed stability cannot be measured, so the fit with the lowest loss "
                    + "was chosen: " + describe(b) + " (2 or more seeds per candidate prefer stable fits).");
            return new TuningPick(best, best, notes);
        }
        double se = Double.isFinite(b.heldOutLossStandardError()) ? b.heldOutLossStandardError() : 0;
        double limit = b.heldOutLoss() + TOLERANCE_STANDARD_ERRORS * se;
        int chosen = best;
        int near = 0;
        for (int i : pool) {
            TuningFit f = fits.get(i);
            if (f.heldOutLoss() <= limit) {
                near++;
                if (moreStable(f, fits.get(chosen))) {
                    chosen = i;
                }
            }
        }
        TuningFit c = fits.get(chosen);
        notes.add(String.format(Locale.ROOT, "The lowest loss is %.4g ± %.2g (standard error over seeds) at %s; "
                + "%d of %d fits are within two standard errors of it (loss up to %.4g).", b.heldOutLoss(), se,
                describe(b), near, pool.size(), limit));
        notes.add(chosen == best
                ? String.format(Locale.ROOT, "Chosen: %s, the lowest-loss fit, which is also the most seed-stable "
                        + "of those (salient stability %.2f).", describe(c), c.salientStability())
                : String.format(Locale.ROOT, "Chosen: %s, the most seed-stable of those (salient stability %.2f "
                        + "against %.2f for the lowest-loss fit): a space each seed finds again is identifiable in "
                        + "practice.", describe(c), c.salientStability(), b.salientStability()));
        return new TuningPick(chosen, best, notes);
    }

    /** Met its constraint, or had none to meet. */
    static boolean acceptable(TuningFit f) {
        return f.result().constraint().status() != ConstraintReport.Status.NOT_MET;
    }

    /** Lower held-out loss; ties: the smaller model. A NaN loss never wins. */
    private static boolean lowerLoss(TuningFit a, TuningFit b) {
        double la = a.heldOutLoss();
        double lb = b.heldOutLoss();
        if (Double.isNaN(lb) != Double.isNaN(la)) {
            return Double.isNaN(lb);
        }
        return la != lb ? la < lb : a.size() < b.size();
    }

    /** Higher salient stability; ties: the smaller model, then the lower loss. */
    private static boolean moreStable(TuningFit a, TuningFit b) {
        double sa = a.salientStability();
        double sb = b.salientStability();
        if (Double.isNaN(sb) != Double.isNaN(sa)) {
            return Double.isNaN(sb);
        }
        if (sa != sb && !Double.isNaN(sa)) {
            return sa > sb;
        }
        if (a.size() != b.size()) {
            return a.size() < b.size();
        }
        return a.heldOutLoss() < b.heldOutLoss();
    }

    private static String describe(TuningFit f) {
        return String.format(Locale.ROOT, "k_z=%d, k_t=%d, epsilon=%s", f.candidate().sharedDim(),
                f.candidate().salientDim(), f.candidate().epsilon());
    }
}
