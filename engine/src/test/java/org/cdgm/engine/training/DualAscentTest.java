package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DualAscentTest {

    @Test
    void lambdaRisesWhileTheConstraintIsViolatedAndIsProjectedAtZero() {
        DualAscent d = new DualAscent(0.1, 2.0, 0.0);
        assertEquals(0.0, d.update(0.05), 1e-12);        // satisfied: max(0, 0 + 2 (0.05 - 0.1)) = 0
        assertEquals(0.3, d.update(0.25), 1e-12);        // 0 + 2 (0.25 - 0.1)
        assertEquals(0.5, d.update(0.2), 1e-12);         // 0.3 + 2 (0.1)
        assertEquals(0.3, d.update(0.0), 1e-12);         // 0.5 + 2 (-0.1)
        assertEquals(0.0, d.update(-1.0), 1e-12);        // 0.3 - 2.2 -> projected to 0
        assertEquals(0.1, d.epsilon(), 0);
    }

    @Test
    void negativeStartIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DualAscent(0.1, 1, -0.5));
    }
}
