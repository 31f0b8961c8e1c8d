package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cdgm.engine.objectives.RegulariserKind;
import org.junit.jupiter.api.Test;

class FixedPenaltyTest {

    @Test
    void theWeightIsThePenaltyWhateverTheRegulariserDoes() {
        FixedPenalty p = new FixedPenalty();
        p.start(TrainingSettings.defaults(TrainingMode.CLASSIC).withRegulariser(RegulariserKind.MM_CVAE, 0.7), 5);
        assertEquals(0.7, p.weight(), 0);
        p.update(50.0);
        p.update(-3.0);
        assertEquals(0.7, p.weight(), 0);
        assertEquals(2 + 0.7 * 0.5, p.validationObjective(2, 0.5), 1e-15);
        assertTrue(Double.isNaN(p.lambda()));
        assertFalse(p.isConstraint());
        assertSame(RegulariserWeight.Estimate.NONE, p.estimate());
        assertEquals(ConstraintReport.Status.NOT_MEASURED, p.report(true, 0.1, 0.01).status());
    }
}
