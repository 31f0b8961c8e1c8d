package org.cdgm.engine.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keeps the parameters of the epoch a fit returns.
 *
 * <p>Unconstrained modes: the lowest validation objective (the penalised loss of classic and MO training).
 *
 * <p>Constrained modes: among epochs whose regulariser estimate is within its noise of epsilon (see
 * {@link FeasibilityWindow#feasible}), the lowest validation loss. Until some epoch is feasible, the epoch with the
 * lowest validation loss is kept provisionally: a constraint that cannot be met says nothing about which epoch is
 * best, and chasing the smallest violation keeps either an early, untrained epoch (issue 11: best epoch 4 of 24) or
 * a late one squeezed by a huge lambda (the Papalexi screen at epsilon 0.05: lambda above 1,000, salient seed
 * stability 0.08). The result then says the constraint was not met. Before any epoch is feasible, an epoch that
 * lowers the validation loss or the regulariser is progress, so a fit is stopped only when neither improved for the
 * whole patience. Without validation cells the latest feasible epoch is kept (the latest epoch when
 * unconstrained, or when no epoch is feasible).
 */
final class CheckpointSelector {
    private final boolean constrained;
    private int bestEpoch = -1;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private double bestRegulariser = Double.POSITIVE_INFINITY;
    private double bestError = Double.NaN;
    private boolean bestFeasible;
    private INDArray bestParams;
    /** Before any feasible epoch: the lowest validation loss and regulariser seen so far (progress markers). */
    private double lowestLoss = Double.POSITIVE_INFINITY;
    private double lowestRegulariser = Double.POSITIVE_INFINITY;

    CheckpointSelector(boolean constrained) {
        this.constrained = constrained;
    }

    /**
     * Offers an epoch; keeps a copy of the parameters if it is the best so far.
     *
     * @param loss          validation objective (NaN without validation cells: the later epoch wins)
     * @param regulariser   running estimate of the constrained regulariser (ignored when unconstrained)
     * @param standardError its standard error
     * @param epsilon       the constraint level
     * @return whether this epoch is an improvement that restarts the patience count
     */
    boolean offer(int epoch, double loss, double regulariser, double standardError, double epsilon,
                  INDArray params) {
        boolean validated = !Double.isNaN(loss);
        if (!constrained) {
            boolean better = !validated || loss < bestLoss;
            if (better) {
                keep(epoch, loss, regulariser, standardError, true, params);
            }
            return better;
        }
        boolean feasible = FeasibilityWindow.feasible(regulariser, standardError, epsilon);
        if (feasible) {
            boolean better = !bestFeasible || !validated || loss < bestLoss;
            if (better) {
                keep(epoch, loss, regulariser, standardError, true, params);
            }
            return better;
        }
        if (!bestFeasible && (bestEpoch < 0 || !validated || loss < bestLoss)) {
            keep(epoch, loss, regulariser, standardError, false, params); // provisional
        }
        boolean progress = (validated && loss < lowestLoss) || regulariser < lowestRegulariser;
        lowestLoss = validated ? Math.min(lowestLoss, loss) : lowestLoss;
        lowestRegulariser = Math.min(lowestRegulariser, regulariser);
        return !bestFeasible && progress;
    }

    private void keep(int epoch, double loss, double regulariser, double error, boolean feasible, INDArray params) {
        bestEpoch = epoch;
        bestLoss = loss;
        bestRegulariser = regulariser;
        bestError = error;
        bestFeasible = feasible;
        bestParams = params.dup();
    }

    int bestEpoch() {
        return bestEpoch;
    }

    boolean bestFeasible() {
        return bestFeasible;
    }

    /** The kept epoch's regulariser estimate and its standard error. */
    double bestRegulariser() {
        return bestRegulariser;
    }

    double bestStandardError() {
        return bestError;
    }

    INDArray bestParams() {
        return bestParams;
    }
}
