package org.cdgm.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The batch column of the preparation: levels among the kept cells, missing values, and each bad input. */
class BatchPreparationTest {

    /** Five cells over genes A, B; conditions ctrl, ko, ko, ctrl, ko and the given replicates. */
    private static AnnotatedMatrix cells(String... replicate) {
        double[][] x = {{1, 2}, {3, 1}, {1, 5}, {2, 2}, {4, 4}};
        Map<String, List<String>> meta = new LinkedHashMap<>();
        meta.put("condition", List.of("ctrl", "ko", "ko", "ctrl", "ko"));
        meta.put("bio_rep", Arrays.asList(replicate));
        return new AnnotatedMatrix(DenseCellMatrix.of(x), List.of("A", "B"), List.of("c1", "c2", "c3", "c4", "c5"),
                new CellMetadata(5, meta));
    }

    private static PreparationSettings settings(String batchColumn) {
        return new PreparationSettings("condition", Set.of("ctrl"), null, 0, 0, 0).withBatchColumn(batchColumn);
    }

    @Test
    void eachCellGetsItsLevelInTheOrderOfItsSet() {
        PreparedCells p = CellPreparation.prepare(cells("r2", "r1", "r2", "r1", "r1"), settings("bio_rep"));
        ContrastiveDataset d = p.dataset();
        assertEquals("bio_rep", d.batch().column());
        assertEquals(List.of("r1", "r2"), d.batch().levels());
        assertArrayEquals(new int[] {1, 0}, d.background().batchCodes()); // c1, c4
        assertArrayEquals(new int[] {0, 1, 0}, d.target().batchCodes()); // c2, c3, c5
        assertNull(CellPreparation.prepare(cells("r2", "r1", "r2", "r1", "r1"), settings(null)).dataset().batch());
    }

    @Test
    void cellsWithoutABatchAreLeftOutWithAWarningCountingThem() {
        PreparedCells p = CellPreparation.prepare(cells("r2", null, "r2", "r1", null), settings("bio_rep"));
        assertEquals(3, p.cells());
        assertEquals(2, p.dropped());
        assertTrue(p.warnings().contains("2 cells have no value in the batch column 'bio_rep' (missing) and were "
                + "left out"), p.warnings().toString());
        assertEquals(List.of("c3"), p.dataset().target().cellIds());
    }

    @Test
    void anUnknownBatchColumnIsNamedWithTheAvailableOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CellPreparation.prepare(cells("r1", "r1", "r2", "r2", "r1"), settings("replicate")));
        assertEquals("The batch column 'replicate' is not a cell metadata column; available: condition, bio_rep",
                e.getMessage());
    }

    @Test
    void aBatchColumnWithOneLevelAmongTheKeptCellsIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CellPreparation.prepare(cells("rep_1", "rep_1", "rep_1", "rep_1", null), settings("bio_rep")));
        assertEquals("The batch column bio_rep has one level (rep_1) among the kept cells: a covariate needs at least "
                + "two; leave it out", e.getMessage());
    }

    @Test
    void theConditionColumnCannotBeTheBatchColumn() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> settings("condition"));
        assertTrue(e.getMessage().startsWith("The batch column condition is the condition column"), e.getMessage());
        assertNull(settings("  ").batchColumn());
    }
}
