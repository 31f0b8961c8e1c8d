package org.cdgm.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CellSetTest {
    private static final CellMatrix THREE = new DenseCellMatrix(3, 2, new float[6]);

    @Test
    void defaultIdsAreNumberedFromOneAndBehaveAsAnImmutableList() {
        CellSet target = CellSet.withDefaultIds(Condition.TARGET, THREE);
        assertEquals(List.of("target_1", "target_2", "target_3"), target.cellIds());
        assertEquals(target.cellIds(), List.of("target_1", "target_2", "target_3"));
        assertEquals(List.of("target_1", "target_2", "target_3").hashCode(), target.cellIds().hashCode());
        assertEquals("Target cell 'target_3' (the 3rd target cell)", target.describeCell(2));
        assertEquals(new CellSet(Condition.TARGET, THREE, List.of("target_1", "target_2", "target_3")), target);
        assertThrows(UnsupportedOperationException.class, () -> target.cellIds().set(0, "x"));
        assertThrows(IndexOutOfBoundsException.class, () -> target.cellIds().get(3));
        assertEquals("background_2", CellSet.withDefaultIds(Condition.BACKGROUND, THREE).cellIds().get(1));
    }

    @Test
    void positionsAreOrdinals() {
        assertEquals(List.of("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st",
                "111th", "1500th"), java.util.stream.IntStream.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 1500)
                .mapToObj(CellSet::ordinal).toList());
    }
}
