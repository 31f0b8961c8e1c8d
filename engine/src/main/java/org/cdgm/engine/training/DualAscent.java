package org.cdgm.engine.training;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.cdgm.engine.model.network.LatentCodes;
import org.cdgm.engine.objectives.Regulariser;

/**
 * CO-cVAE's regulariser weight (Lopez et al., CLeaR 2024): the dual variable lambda of the constraint R <= epsilon
 * (Lagrangian L = loss + lambda (R - epsilon)), updated after every step by projected gradient ascent
 * lambda <- max(0, lambda + eta (R - epsilon)) (dual ascent, Boyd and Vandenberghe 2004 ch. 5; as in Platt and
 * Barr 1988's constrained differential optimisation, descent on the parameters and ascent on the multiplier run
 * together). lambda is the price of the constraint: zero when it holds without effort, large when the data pull the
 * salient information into background cells.
 *
 * <p>Also measures what the constraint is judged on: the regulariser's noise floor over the first steps (one epoch,
 * at least {@link FeasibilityWindow#MIN_STEPS}), which sets an "auto" epsilon, and the running estimate of R over
 * the latest steps ({@link FeasibilityWindow}).
 */
public final class DualAscent implements RegulariserWeight {
    /**
     * The smallest rise of lambda at the end of a fit worth a note: lambda multiplies a regulariser of order 0.01-0.1
     * next to losses of tens to thousands per cell, so a rise below 0.05 changes nothing the user would see.
     */
    static final double LAMBDA_RISE = 0.05;

    private double learningRate;
    private boolean autoEpsilon;
    private double epsilon = Double.NaN;
    private double lambda;
    private FeasibilityWindow window;
    private int floorSteps;
    private double floorSum;
    private int floorCount;

    /** @param settings epsilon (NaN for "auto") and the dual learning rate eta; lambda starts at 0 */
    @Override
    public void start(TrainingSettings settings, int stepsPerEpoch) {
        learningRate = settings.dualLearningRate();
        autoEpsilon = settings.autoEpsilon();
        epsilon = settings.epsilon();
        lambda = 0.0;
        window = new FeasibilityWindow(stepsPerEpoch);
        floorSteps = Math.max(stepsPerEpoch, FeasibilityWindow.MIN_STEPS);
        floorSum = 0;
        floorCount = 0;
    }

    /** Over the first steps: adds the codes' noise floor to its mean and, for "auto", moves epsilon with it. */
    @Override
    public void observe(Regulariser regulariser, LatentCodes codes) {
        if (floorCount < floorSteps) {
            floorSum += regulariser.noiseFloor(codes);
            floorCount++;
            if (autoEpsilon) {
                epsilon = autoEpsilon(floorSum / floorCount);
            }
        }
    }

    @Override
    public double weight() {
        return lambda;
    }

    /** One ascent step given the regulariser's value on the step's batch; also enters it in the running estimate. */
    @Override
    public void update(double regulariser) {
        lambda = Math.max(0.0, lambda + learningRate * (regulariser - epsilon));
        window.add(regulariser);
    }

    /** The ELBO loss alone: the constraint, not a penalty, governs the regulariser. */
    @Override
    public double validationObjective(double loss, double regulariser) {
        return loss;
    }

    @Override
    public double lambda() {
        return lambda;
    }

    /** The constraint level in use ("auto" resolved once measured; NaN before the first step of an auto fit). */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public boolean isConstraint() {
        return true;
    }

    @Override
    public Estimate estimate() {
        return new Estimate(window.mean(), window.standardError(), epsilon);
    }

    @Override
    public ConstraintReport report(boolean feasible, double regulariser, double standardError) {
        return new ConstraintReport(feasible ? ConstraintReport.Status.MET : ConstraintReport.Status.NOT_MET,
                epsilon, regulariser, standardError, floorCount == 0 ? Double.NaN : floorSum / floorCount);
    }

    @Override
    public List<String> notes(List<EpochReport> history) {
        return stillRising(history).map(List::of).orElse(List.of());
    }

    /**
     * "Auto" epsilon: the regulariser's noise floor (the running mean over the first steps) plus
     * {@link TrainingSettings#AUTO_EPSILON_MARGIN}. Tried and rejected (2026-11-29): the larger of that and half the
     * regulariser's value in an unconstrained first epoch, which made the constraint reachable on the Papalexi
     * screen but so loose on the misspecified simulation that salient seed stability fell from 0.72 to 0.58 and
     * salient leakage rose from 0.12 to 0.32 (docs/training.md).
     */
    static double autoEpsilon(double noiseFloor) {
        return noiseFloor + TrainingSettings.AUTO_EPSILON_MARGIN;
    }

    /**
     * A note when lambda grew over the last epochs (the last fifth, 2 to 5 epochs) by more than 5 % and by more than
     * {@link #LAMBDA_RISE}: the regulariser was still above epsilon on average and the fit had not settled. Smaller
     * rises are the dual ascent's own jitter around a constraint that holds.
     */
    static Optional<String> stillRising(List<EpochReport> history) {
        int n = history.size();
        if (n < 3) {
            return Optional.empty();
        }
        int k = Math.min(5, Math.max(2, n / 5));
        double from = history.get(n - 1 - k).lambda();
        double to = history.get(n - 1).lambda();
        if (!(to > 1.05 * from && to - from > LAMBDA_RISE)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "lambda (the price of the constraint) was still rising at the "
                + "end (%.3g -> %.3g over the last %d epochs): the regulariser had not settled below epsilon. Train "
                + "for more epochs or raise epsilon.", from, to, k));
    }
}
