package org.cdgm.engine.tuning;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingSettings;

/**
 * Multi-objective tuning: fits every candidate of a grid with the grid's seeds per candidate (the same seeds, and so
 * the same data splits, for every candidate; {@link SeedRestarts}), scores each by four objectives, all minimised:
 * validation background loss, target loss and regulariser (means over the seeds) and 1 - salient stability (mean
 * pairwise MCC of the seeds' salient coordinates), marks the Pareto front of those four, and picks one
 * ({@link TuningPick}: the most seed-stable fit among the acceptable fits whose loss is within seed noise of the
 * lowest). Larger latent spaces lower both losses, so the front, not the single best loss, is what the user should
 * read; the pick is a default, not a verdict. In unconstrained modes the grid's epsilon values are used as the
 * penalty weight.
 *
 * <p>Cost: one fit per seed and candidate, so the default 2 seeds per candidate double the running time of a
 * single-seed grid (1.8x to 2.0x measured on 4-candidate grids of 600 simulated cells); the agreement between
 * seeds adds little (2 to 5 ms per pair on 600 cells, embedding included).
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

    /**
     * Runs the grid, candidate after candidate, each with every seed of {@link TuningGrid#seeds}; progress is
     * reported over all fits, cancellation stops the running fit.
     *
     * @throws org.cdgm.engine.training.TrainingDivergedException when a fit diverges (its seed is in the message)
     * @throws org.cdgm.engine.training.TrainingCancelledException when the monitor cancels
     * @throws org.cdgm.engine.data.InvalidInputException when the data have fewer than 10 target cells to
     *         measure seed stability on (2 or more seeds)
     */
    public TuningResult run(ContrastiveDataset data, TrainingMonitor monitor) {
        List<TuningCandidate> candidates = grid.candidates();
        long[] seeds = grid.seeds(baseTraining.seed());
        List<TuningFit> fits = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            TuningCandidate c = candidates.get(i);
            SeedRestarts.Outcome o = SeedRestarts.fitAll(modelFor(c), trainingFor(c), data, seeds,
                    scaled(monitor, i, candidates.size(), c));
            fits.add(TuningFit.of(c, o));
        }
        return result(fits, seeds);
    }

    /** Marks the front and picks; separate from the fitting so scripted fits can be tested. */
    static TuningResult result(List<TuningFit> fits, long[] seeds) {
        List<TuningFit> marked = new ArrayList<>(fits);
        double[][] points = marked.stream().map(TuningFit::objectives).toArray(double[][]::new);
        boolean[] front = ParetoFront.nonDominated(points);
        for (int i = 0; i < marked.size(); i++) {
            marked.set(i, marked.get(i).withParetoOptimal(front[i]));
        }
        TuningPick pick = TuningPick.of(marked, seeds);
        return new TuningResult(marked, pick.index(), pick.lowestLossIndex(), pick.notes());
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
