package org.cdgm.engine.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.model.Likelihood;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SimulatorTest {
    private final SimulationSettings small = new SimulationSettings(50, 70, 12, 2, 3, 3, 2, Likelihood.GAUSSIAN,
            0.1, 500, 5, 9);

    @Test
    void shapesFollowTheSettings() {
        SimulatedData d = Simulator.simulate(small);
        assertEquals(50, d.dataset().background().cells());
        assertEquals(70, d.dataset().target().cells());
        assertEquals(12, d.dataset().geneCount());
        assertEquals(50, d.backgroundShared().length);
        assertEquals(2, d.backgroundShared()[0].length);
        assertEquals(70, d.targetShared().length);
        assertEquals(3, d.targetSalient()[0].length);
        assertEquals(70, d.targetSalientComponent().length);
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        SimulatedData a = Simulator.simulate(small);
        SimulatedData b = Simulator.simulate(small);
        SimulatedData c = Simulator.simulate(small.withSeed(10));
        CellMatrix ma = a.dataset().target().matrix();
        CellMatrix mb = b.dataset().target().matrix();
        for (int i = 0; i < ma.cells(); i++) {
            for (int j = 0; j < ma.genes(); j++) {
                assertEquals(ma.get(i, j), mb.get(i, j), 0);
            }
        }
        assertArrayEquals(a.targetSalient()[5], b.targetSalient()[5], 0);
        assertNotEquals(ma.get(0, 0), c.dataset().target().matrix().get(0, 0));
    }

    @Test
    void backgroundCellsCarryNoSalientSignal() {
        // target cells vary along z and t, background cells along z only
        SimulatedData d = Simulator.simulate(small.withSize(400, 400, 12));
        assertTrue(totalVariance(d.dataset().target().matrix()) > totalVariance(d.dataset().background().matrix()));
    }

    @ParameterizedTest
    @EnumSource(value = Likelihood.class, names = {"POISSON", "NEGATIVE_BINOMIAL"})
    void countNoiseGivesNonNegativeIntegersAndNonEmptyCells(Likelihood noise) {
        SimulatedData d = Simulator.simulate(small.withNoise(noise));
        for (CellMatrix m : new CellMatrix[] {d.dataset().background().matrix(), d.dataset().target().matrix()}) {
            for (int i = 0; i < m.cells(); i++) {
                for (int j = 0; j < m.genes(); j++) {
                    double v = m.get(i, j);
                    assertTrue(v >= 0 && v == Math.rint(v), "not a count: " + v);
                }
                assertTrue(m.rowSum(i) > 0);
            }
        }
    }

    @Test
    void invalidSettingsNameTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulationSettings(10, 10, 3, 2, 2, 3, 1, Likelihood.GAUSSIAN, 0.1, 100, 5, 1));
        assertTrue(e.getMessage().contains("'genes'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SimulationSettings(0, 10, 8, 2, 2, 3, 1, Likelihood.GAUSSIAN, 0.1, 100, 5, 1));
        assertTrue(e.getMessage().contains("'background cells'"), e.getMessage());
    }

    private static double totalVariance(CellMatrix m) {
        double total = 0;
        for (int j = 0; j < m.genes(); j++) {
            double s = 0;
            double sq = 0;
            for (int i = 0; i < m.cells(); i++) {
                s += m.get(i, j);
                sq += m.get(i, j) * m.get(i, j);
            }
            total += sq / m.cells() - (s / m.cells()) * (s / m.cells());
        }
        return total;
    }

    @Test
    void cellsStackBackgroundThenTargetWithTheirCondition() {
        SimulatedData sim = Simulator.simulate(SimulationSettings.defaults().withSize(30, 20, 12));
        org.cdgm.engine.data.AnnotatedMatrix all = sim.cells();
        assertEquals(50, all.matrix().cells());
        assertEquals("target_1", all.cellIds().get(30));
        assertEquals("background", all.metadata().column(SimulatedData.CONDITION_COLUMN).get(29));
        assertEquals("target", all.metadata().column(SimulatedData.CONDITION_COLUMN).get(30));
        assertEquals(sim.dataset().target().matrix().get(3, 7), all.matrix().get(33, 7), 0);
        assertEquals(sim.dataset().background().matrix().get(29, 11), all.matrix().get(29, 11), 0);
        assertEquals(Simulator.geneName(12), all.genes().get(11));
    }
}
