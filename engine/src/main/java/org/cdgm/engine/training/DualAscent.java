package org.cdgm.engine.training;

/**
 * Dual variable of the constraint R <= epsilon (Lagrangian L = loss + lambda (R - epsilon)), updated by projected
 * gradient ascent lambda <- max(0, lambda + eta (R - epsilon)). lambda is the price of the constraint: zero when
 * it holds without effort, large when the data pull the salient information into background cells.
 */
public final class DualAscent {
    private final double epsilon;
    private final double learningRate;
    private double lambda;

    public DualAscent(double epsilon, double learningRate, double initialLambda) {
        if (initialLambda < 0) {
            throw new IllegalArgumentException("lambda starts at a value >= 0, got " + initialLambda);
        }
        this.epsilon = epsilon;
        this.learningRate = learningRate;
        this.lambda = initialLambda;
    }

    public double lambda() {
        return lambda;
    }

    public double epsilon() {
        return epsilon;
    }

    /** One ascent step given the regulariser's value on the current batch; returns the new lambda. */
    public double update(double regulariser) {
        return update(regulariser, epsilon);
    }

    /** One ascent step against {@code level} instead of the fixed epsilon ("auto" epsilon while it is measured). */
    public double update(double regulariser, double level) {
        lambda = Math.max(0.0, lambda + learningRate * (regulariser - level));
        return lambda;
    }
}
