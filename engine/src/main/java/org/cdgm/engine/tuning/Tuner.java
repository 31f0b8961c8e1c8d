package org.cdgm.engine.tuning;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;

/**
 * Multi-objective tuning: fits every candidate of a grid with the same seed and data split, scores each by its
 * validation background loss, target loss and regulariser, marks the Pareto front of those three, and picks one.
 *
 * <p>The pick: among Pareto-optimal fits that met their constraint (every fit, if the mode is unconstrained),
 * the lowest background + target loss; ties go to the smaller model. Larger latent spaces lower both losses, so
 * the front, not the single best loss, is what the user should read; the pick is a default, not a verdict.
 * In unconstrained modes the grid's epsilon values are used as the penalty weight.
 */
public final class Tuner {
    private final ModelConfig baseModel;
    private final TrainingSettings baseTraining;
    private final TuningGrid grid;

    public Tuner(ModelConfig baseModel, TrainingSettings baseTraining, TuningGrid grid) {
        this.baseModel = baseModel;
        this.baseTraining = baseTraining;
        this.grid = grid;
    }

    public ModelConfig modelFor(TuningCandidate c) {
        return baseModel.withLatentSizes(c.sharedDim(), c.salientDim());
    }

    public TrainingSettings trainingFor(TuningCandidate c) {
        return baseTraining.mode().isConstrained()
                ? baseTraining.withConstraint(c.epsilon(), baseTraining.dualLearningRate())
                : baseTraining.withRegulariser(baseTraining.regulariser(), c.epsilon());
    }

    /** Runs the grid; progress is reported over all fits, cancellation stops the running fit. */
    public TuningResult run(ContrastiveDataset data, TrainingMonitor monitor) {
        List<TuningCandidate> candidates = grid.candidates();
        List<TuningFit> fits = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            TuningCandidate c = candidates.get(i);
            TrainingResult r = new Trainer(modelFor(c), trainingFor(c)).fit(data, scaled(monitor, i,
                    candidates.size(), c));
            fits.add(objectivesOf(c, r));
        }
        double[][] points = fits.stream().map(TuningFit::objectives).toArray(double[][]::new);
        boolean[] front = ParetoFront.nonDominated(points);
        for (int i = 0; i < fits.size(); i++) {
            fits.set(i, fits.get(i).withParetoOptimal(front[i]));
        }
        return new TuningResult(fits, pick(fits));
    }

    static TuningFit objectivesOf(TuningCandidate c, TrainingResult r) {
        EpochReport at = r.history().stream().filter(e -> e.epoch() == r.bestEpoch()).findFirst()
                .orElse(r.history().get(r.history().size() - 1));
        boolean validated = !Double.isNaN(at.validationTargetLoss());
        return new TuningFit(c, r, validated ? at.validationBackgroundLoss() : at.trainBackgroundLoss(),
                validated ? at.validationTargetLoss() : at.trainTargetLoss(),
                validated ? at.validationRegulariser() : at.trainRegulariser(), false);
    }

    static int pick(List<TuningFit> fits) {
        int best = -1;
        boolean anyFeasible = fits.stream().anyMatch(f -> f.paretoOptimal() && f.result().constraintSatisfied());
        for (int i = 0; i < fits.size(); i++) {
            TuningFit f = fits.get(i);
            if (!f.paretoOptimal() || (anyFeasible && !f.result().constraintSatisfied())) {
                continue;
            }
            if (best < 0 || better(f, fits.get(best))) {
                best = i;
            }
        }
        return best;
    }

    private static boolean better(TuningFit a, TuningFit b) {
        double la = a.backgroundLoss() + a.targetLoss();
        double lb = b.backgroundLoss() + b.targetLoss();
        if (la != lb) {
            return la < lb;
        }
        return a.candidate().sharedDim() + a.candidate().salientDim()
                < b.candidate().sharedDim() + b.candidate().salientDim();
    }

    private static TrainingMonitor scaled(TrainingMonitor outer, int index, int count, TuningCandidate c) {
        return new TrainingMonitor() {
            @Override
            public void onEpoch(EpochReport report) {
                outer.onEpoch(report);
            }

            @Override
            public void onProgress(double fraction, String message) {
                outer.onProgress((index + fraction) / count, "Fit " + (index + 1) + " of " + count + " (k_z="
                        + c.sharedDim() + ", k_t=" + c.salientDim() + ", epsilon=" + c.epsilon() + "): " + message);
            }

            @Override
            public boolean isCancelled() {
                return outer.isCancelled();
            }
        };
    }
}
