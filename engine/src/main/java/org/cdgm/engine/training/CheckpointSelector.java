package org.cdgm.engine.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keeps the parameters of the best epoch on the validation split. Unconstrained modes compare the penalised
 * objective. Constrained modes prefer any epoch that satisfies R <= epsilon over one that does not; among
 * feasible epochs the lower loss wins, among infeasible ones the smaller violation.
 */
final class CheckpointSelector {
    private final boolean constrained;
    private final double epsilon;
    private int bestEpoch = -1;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private double bestRegulariser = Double.POSITIVE_INFINITY;
    private boolean bestFeasible;
    private INDArray bestParams;

    CheckpointSelector(boolean constrained, double epsilon) {
        this.constrained = constrained;
        this.epsilon = epsilon;
    }

    /** Offers an epoch's validation figures; keeps a copy of the parameters if it is the best so far. */
    boolean offer(int epoch, double loss, double regulariser, INDArray params) {
        boolean better;
        boolean feasible = !constrained || regulariser <= epsilon;
        if (!constrained) {
            better = loss < bestLoss;
        } else if (feasible != bestFeasible) {
            better = feasible;
        } else {
            better = feasible ? loss < bestLoss : regulariser < bestRegulariser;
        }
        if (better || bestEpoch < 0) {
            bestEpoch = epoch;
            bestLoss = loss;
            bestRegulariser = regulariser;
            bestFeasible = feasible;
            bestParams = params.dup();
            return true;
        }
        return false;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    boolean bestFeasible() {
        return bestFeasible;
    }

    INDArray bestParams() {
        return bestParams;
    }
}
