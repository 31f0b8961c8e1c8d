package org.cdgm.engine.training;

import java.util.Objects;

import org.cdgm.engine.objectives.RegulariserKind;

/**
 * How a model is fitted. All validation lives in the constructor, with messages naming the setting.
 *
 * @param mode               classic, MO, CO or MO+CO
 * @param regulariser        which regulariser; NONE allowed only for unconstrained modes
 * @param bandwidth          kernel bandwidth of MMD/HSIC, NaN for the median heuristic
 * @param penaltyWeight      weight of the regulariser in CLASSIC and MULTI_OBJECTIVE modes
 * @param epsilon            constraint level in constrained modes: the regulariser may not exceed it
 * @param dualLearningRate   step of the dual ascent on lambda
 * @param epochs             maximum passes over the larger data set
 * @param batchSize          cells per minibatch of each data set
 * @param learningRate       Adam step size
 * @param validationFraction share of each data set held out for early stopping (0 disables it)
 * @param patience           epochs without improvement before stopping (0 = never stop early)
 * @param seed               seed of initial weights, splits, shuffling and sampling noise
 */
public record TrainingSettings(TrainingMode mode, RegulariserKind regulariser, double bandwidth,
                               double penaltyWeight, double epsilon, double dualLearningRate, int epochs,
                               int batchSize, double learningRate, double validationFraction, int patience,
                               long seed) {

    public TrainingSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(regulariser, "regulariser");
        if (mode.isConstrained() && regulariser == RegulariserKind.NONE) {
            throw new IllegalArgumentException("Training mode " + mode
                    + " constrains a regulariser; choose one (e.g. MM_CVAE) or an unconstrained mode");
        }
        if (!Double.isNaN(bandwidth) && !(bandwidth > 0 && Double.isFinite(bandwidth))) {
            throw new IllegalArgumentException("Setting 'kernel bandwidth' must be positive (or empty for the "
                    + "median heuristic), got " + bandwidth);
        }
        requireNonNegative("penalty weight", penaltyWeight);
        requireNonNegative("epsilon", epsilon);
        requireNonNegative("dual learning rate", dualLearningRate);
        if (epochs < 1) {
            throw new IllegalArgumentException("Setting 'epochs' must be at least 1, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("Setting 'batch size' must be at least 2, got " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("Setting 'learning rate' must be in (0, 1), got " + learningRate);
        }
        if (!(validationFraction >= 0 && validationFraction < 0.9)) {
            throw new IllegalArgumentException("Setting 'validation fraction' must be in [0, 0.9), got "
                    + validationFraction);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("Setting 'patience' must be at least 0, got " + patience);
        }
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("Setting '" + name + "' must be a finite number >= 0, got " + v);
        }
    }

    /**
     * Defaults for a mode: MM-cVAE regulariser (weight 1, or epsilon 0.05), median bandwidth, up to 150 epochs of
     * 128 cells, Adam 1e-2, 10% validation with patience 20. On the default simulation Adam 1e-2 reached higher
     * MCC in 150 epochs than 3e-3 and 1e-3 (docs/identifiability.md).
     */
    public static TrainingSettings defaults(TrainingMode mode) {
        return new TrainingSettings(mode, RegulariserKind.MM_CVAE, Double.NaN, 1.0, 0.05, 0.5, 150, 128, 1e-2,
                0.1, 20, 42);
    }

    public TrainingSettings withSeed(long s) {
        return new TrainingSettings(mode, regulariser, bandwidth, penaltyWeight, epsilon, dualLearningRate, epochs,
                batchSize, learningRate, validationFraction, patience, s);
    }

    public TrainingSettings withEpochs(int e) {
        return new TrainingSettings(mode, regulariser, bandwidth, penaltyWeight, epsilon, dualLearningRate, e,
                batchSize, learningRate, validationFraction, patience, seed);
    }

    public TrainingSettings withBatchSize(int b) {
        return new TrainingSettings(mode, regulariser, bandwidth, penaltyWeight, epsilon, dualLearningRate, epochs,
                b, learningRate, validationFraction, patience, seed);
    }

    public TrainingSettings withLearningRate(double lr) {
        return new TrainingSettings(mode, regulariser, bandwidth, penaltyWeight, epsilon, dualLearningRate, epochs,
                batchSize, lr, validationFraction, patience, seed);
    }

    public TrainingSettings withRegulariser(RegulariserKind kind, double weight) {
        return new TrainingSettings(mode, kind, bandwidth, weight, epsilon, dualLearningRate, epochs, batchSize,
                learningRate, validationFraction, patience, seed);
    }

    public TrainingSettings withConstraint(double eps, double dualLr) {
        return new TrainingSettings(mode, regulariser, bandwidth, penaltyWeight, eps, dualLr, epochs, batchSize,
                learningRate, validationFraction, patience, seed);
    }

    public TrainingSettings withEarlyStopping(double fraction, int pat) {
        return new TrainingSettings(mode, regulariser, bandwidth, penaltyWeight, epsilon, dualLearningRate, epochs,
                batchSize, learningRate, fraction, pat, seed);
    }
}
