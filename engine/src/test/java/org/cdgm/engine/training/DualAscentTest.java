package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.LatentCodes;
import org.cdgm.engine.objectives.Regulariser;
import org.junit.jupiter.api.Test;

class DualAscentTest {

    private static DualAscent started(double epsilon, double dualLr, int stepsPerEpoch) {
        DualAscent d = new DualAscent();
        d.start(TrainingSettings.defaults(TrainingMode.CONSTRAINED).withConstraint(epsilon, dualLr), stepsPerEpoch);
        return d;
    }

    /** A regulariser whose noise floor is read from a queue of values (the codes are not looked at). */
    private static Regulariser floors(double... values) {
        return new Regulariser() {
            private int next;

            @Override
            public String name() {
                return "fake";
            }

            @Override
            public boolean needsSalientBackground() {
                return false;
            }

            @Override
            public double evaluate(LatentCodes codes, CodeGradients grads, double scale) {
                return 0;
            }

            @Override
            public double noiseFloor(LatentCodes codes) {
                return values[next++];
            }
        };
    }

    @Test
    void lambdaRisesWhileTheConstraintIsViolatedAndIsProjectedAtZero() {
        DualAscent d = started(0.1, 2.0, 1);
        assertEquals(0.0, d.weight(), 0);
        d.update(0.05);
        assertEquals(0.0, d.weight(), 1e-12);        // satisfied: max(0, 0 + 2 (0.05 - 0.1)) = 0
        d.update(0.25);
        assertEquals(0.3, d.weight(), 1e-12);        // 0 + 2 (0.25 - 0.1)
        d.update(0.2);
        assertEquals(0.5, d.lambda(), 1e-12);        // 0.3 + 2 (0.1)
        d.update(0.0);
        assertEquals(0.3, d.lambda(), 1e-12);        // 0.5 + 2 (-0.1)
        d.update(-1.0);
        assertEquals(0.0, d.lambda(), 1e-12);        // 0.3 - 2.2 -> projected to 0
        assertEquals(0.1, d.epsilon(), 0);
        assertTrue(d.isConstraint());
        assertEquals(0.5, d.validationObjective(0.5, 100), 0, "the constraint, not a penalty, governs R");
    }

    @Test
    void theRunningEstimateAndTheReportComeFromTheSteps() {
        DualAscent d = started(0.1, 1.0, 1); // the window keeps FeasibilityWindow.MIN_STEPS values
        for (double r : new double[] {0.05, 0.07, 0.09}) {
            d.update(r);
        }
        RegulariserWeight.Estimate e = d.estimate();
        assertEquals(0.07, e.regulariser(), 1e-12);
        assertEquals(0.02 / Math.sqrt(3), e.standardError(), 1e-12);
        assertEquals(0.1, e.epsilon(), 0);
        ConstraintReport report = d.report(true, e.regulariser(), e.standardError());
        assertEquals(ConstraintReport.Status.MET, report.status());
        assertEquals(0.07, report.regulariser(), 1e-12);
        assertEquals(0.1, report.epsilon(), 0);
        assertTrue(Double.isNaN(report.noiseFloor()), "nothing observed, nothing measured");
        assertEquals(ConstraintReport.Status.NOT_MET, d.report(false, 0.3, 0.01).status());
    }

    @Test
    void autoEpsilonFollowsTheNoiseFloorOfTheFirstStepsOnly() {
        DualAscent d = started(Double.NaN, 1.0, 2); // floor over max(2, MIN_STEPS = 10) steps
        double[] floors = new double[12];
        java.util.Arrays.fill(floors, 0, 10, 0.02);
        floors[10] = 5; // after the first 10 steps the floor is no longer read
        floors[11] = 5;
        Regulariser reg = floors(floors);
        d.observe(reg, null);
        assertEquals(0.02 + TrainingSettings.AUTO_EPSILON_MARGIN, d.epsilon(), 1e-12);
        for (int i = 1; i < 12; i++) {
            d.observe(reg, null);
        }
        assertEquals(0.02 + TrainingSettings.AUTO_EPSILON_MARGIN, d.epsilon(), 1e-12);
        assertEquals(0.02, d.report(true, 0.05, 0.01).noiseFloor(), 1e-12);
        d.update(0.02 + TrainingSettings.AUTO_EPSILON_MARGIN + 0.5);
        assertEquals(0.5, d.lambda(), 1e-12, "the ascent uses the measured epsilon");
    }
}
