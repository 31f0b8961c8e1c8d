package org.cdgm.engine.tuning;

import java.util.List;

import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.TrainingResult;

/**
 * A candidate fitted with one or more seeds, and what it reached. The losses and the regulariser are means over the
 * seeds, each seed's taken at its chosen epoch on the validation split (training batches if there is none): the
 * background and target losses (negative ELBO per cell, lower is better) and the regulariser (how much salient
 * signal leaks, lower is better). The mean, not the best seed's value, stands for the candidate: the best of
 * several noisy values is biased low, most for the candidates whose seeds disagree most.
 *
 * @param seeds                     each seed's fit, the seeds' agreement, and the seed passed on (lowest held-out
 *                                  loss, {@link SeedRestarts#choose})
 * @param heldOutLossStandardError  standard error of {@link #heldOutLoss()} over the seeds (sample standard
 *                                  deviation / sqrt(seeds)); NaN with 1 seed
 */
public record TuningFit(TuningCandidate candidate, SeedRestarts.Outcome seeds, double backgroundLoss,
                        double targetLoss, double regulariser, double heldOutLossStandardError,
                        boolean paretoOptimal) {

    /** Averages the seeds' objectives; not yet on a front. */
    static TuningFit of(TuningCandidate candidate, SeedRestarts.Outcome seeds) {
        int n = seeds.fits().size();
        double[] loss = new double[n];
        double bg = 0;
        double tg = 0;
        double reg = 0;
        for (int k = 0; k < n; k++) {
            double[] o = objectivesOf(seeds.fits().get(k).result());
            bg += o[0] / n;
            tg += o[1] / n;
            reg += o[2] / n;
            loss[k] = o[0] + o[1];
        }
        return new TuningFit(candidate, seeds, bg, tg, reg, standardError(loss), false);
    }

    /** Background loss, target loss and regulariser at the chosen epoch: validation values, else training ones. */
    static double[] objectivesOf(TrainingResult r) {
        EpochReport at = r.history().stream().filter(e -> e.epoch() == r.bestEpoch()).findFirst()
                .orElse(r.history().get(r.history().size() - 1));
        boolean validated = !Double.isNaN(at.validationTargetLoss());
        return validated
                ? new double[] {at.validationBackgroundLoss(), at.validationTargetLoss(), at.validationRegulariser()}
                : new double[] {at.trainBackgroundLoss(), at.trainTargetLoss(), at.trainRegulariser()};
    }

    /** Sample standard deviation / sqrt(n); NaN for fewer than 2 values. */
    static double standardError(double[] x) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (n - 1) / n);
    }

    /** The model passed on for this candidate: its seed with the lowest held-out loss. */
    public TrainingResult result() {
        return seeds.best().result();
    }

    /** Every seed's fit, in seed order. */
    public List<SeedRestarts.Fit> seedFits() {
        return seeds.fits();
    }

    /** Background plus target loss (mean over seeds): the held-out negative ELBO per cell the pick compares. */
    public double heldOutLoss() {
        return backgroundLoss + targetLoss;
    }

    /** Mean pairwise MCC of the seeds' salient coordinates (target cells); 1 = every seed found the same axes. */
    public double salientStability() {
        return seeds.salientMcc();
    }

    /** Mean pairwise MCC of the seeds' shared coordinates (all cells). */
    public double sharedStability() {
        return seeds.sharedMcc();
    }

    /** k_z + k_t, for "ties go to the smaller model". */
    int size() {
        return candidate.sharedDim() + candidate.salientDim();
    }

    /**
     * The four objectives, all minimised: background loss, target loss, regulariser and 1 - salient stability.
     * An unknown regulariser or stability (no regulariser, 1 seed) counts as 0, the same for every fit, so it
     * does not change the front.
     */
    double[] objectives() {
        return new double[] {backgroundLoss, targetLoss, Double.isNaN(regulariser) ? 0 : regulariser,
            Double.isNaN(salientStability()) ? 0 : 1 - salientStability()};
    }

    TuningFit withParetoOptimal(boolean optimal) {
        return new TuningFit(candidate, seeds, backgroundLoss, targetLoss, regulariser, heldOutLossStandardError,
                optimal);
    }
}
