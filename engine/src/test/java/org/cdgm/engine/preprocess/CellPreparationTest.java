package org.cdgm.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.junit.jupiter.api.Test;

class CellPreparationTest {

    /** Cells c1..c4 over genes A, B, C; c3's only count is on C, a gene seen in one cell. */
    private static AnnotatedMatrix cells(String... condition) {
        double[][] x = {{1, 2, 0}, {3, 0, 0}, {0, 0, 5}, {2, 2, 0}};
        return new AnnotatedMatrix(DenseCellMatrix.of(x), List.of("A", "B", "C"), List.of("c1", "c2", "c3", "c4"),
                new CellMetadata(4, Map.of("condition", Arrays.asList(condition))));
    }

    @Test
    void cellsEmptiedByTheGeneFilterAreDroppedWithAWarning() {
        PreparedCells p = CellPreparation.prepare(cells("ctrl", "ko", "ko", "ctrl"),
                new PreparationSettings(null, Set.of(), null, 2, 0, 0));
        assertEquals(List.of("A", "B"), p.data().genes());
        assertEquals(List.of("c1", "c2", "c4"), p.data().cellIds());
        assertEquals(1, p.dropped());
        assertEquals(-1, p.background());
        assertTrue(p.warnings().get(0).startsWith("1 cell had counts only on genes removed by the gene selection")
                && p.warnings().get(0).contains("'c3'"), p.warnings().toString());
    }

    @Test
    void aHighlyVariableSelectionSaysSoAndWhichSettingChangesIt() {
        PreparedCells p = CellPreparation.prepare(cells("ctrl", "ko", "ko", "ctrl"),
                new PreparationSettings(null, Set.of(), null, 0, 0, 2));
        assertEquals(2, p.data().genes().size());
        assertTrue(p.warnings().contains("Kept the 2 most highly variable of 3 genes (setting 'Highly variable "
                + "genes'; 0 keeps every gene)"), p.warnings().toString());
        PreparationSettings hvg = new PreparationSettings(null, Set.of(), null, 0, 0, 2000);
        assertTrue(hvg.keepsEveryGene(2000));
        assertFalse(hvg.keepsEveryGene(2001));
        assertTrue(PreparationSettings.none().keepsEveryGene(33_538));
        assertFalse(new PreparationSettings(null, Set.of(), null, 3, 0, 0).keepsEveryGene(10));
    }

    @Test
    void minimumCountsPerCellFiltersBeforeTheGenes() {
        PreparedCells p = CellPreparation.prepare(cells("ctrl", "ko", "ko", "ctrl"),
                new PreparationSettings("condition", Set.of("ctrl"), null, 0, 4, 0));
        // totals 3, 3, 5, 4: c1 and c2 fall below 4
        assertEquals(List.of("c3", "c4"), p.data().cellIds());
        assertArrayEquals(new Condition[] {Condition.TARGET, Condition.BACKGROUND}, p.conditions());
        assertTrue(p.warnings().get(0).startsWith("2 cells with fewer than 4 counts were left out"),
                p.warnings().toString());
    }

    @Test
    void missingAndOtherConditionValuesAreLeftOutNeverTarget() {
        PreparedCells p = CellPreparation.prepare(cells("ctrl", null, "ko", "doublet"),
                new PreparationSettings("condition", Set.of("ctrl"), Set.of("ko"), 0, 0, 0));
        assertEquals(List.of("c1", "c3"), p.data().cellIds());
        assertArrayEquals(new Condition[] {Condition.BACKGROUND, Condition.TARGET}, p.conditions());
        assertEquals(2, p.dropped());
        assertEquals(List.of("1 cell has no value in 'condition' (missing) and was left out",
                "1 cell has a value of 'condition' that is neither background nor target ('doublet' (1 cells)) and "
                        + "was left out"), p.warnings());
        // without target values every other value is target, but a missing one still is not
        p = CellPreparation.prepare(cells("ctrl", null, "ko", "doublet"),
                new PreparationSettings("condition", Set.of("ctrl"), null, 0, 0, 0));
        assertEquals(2, p.target());
        assertEquals(1, p.dropped());
    }

    @Test
    void badSettingsAndEmptyResultsAreNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PreparationSettings("condition", Set.of(), null, 0, 0, 0));
        assertTrue(e.getMessage().contains("'Background values' is empty"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new PreparationSettings(null, Set.of(), null, -1, 0, 0));
        assertTrue(e.getMessage().contains("'Minimum cells per gene' must be 0 or more, got -1"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new PreparationSettings(null, Set.of("ctrl"), null, 0, 0, 0));
        assertTrue(e.getMessage().contains("no condition column"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CellPreparation.prepare(cells(null, null, "ko", "ko"),
                new PreparationSettings("condition", Set.of("ctrl"), null, 0, 0, 0)));
        assertTrue(e.getMessage().contains("so there is no background") && e.getMessage().contains("(and 2 cells with "
                + "no value)"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CellPreparation.prepare(cells("ctrl", "ko", "ko", "ctrl"),
                new PreparationSettings(null, Set.of(), null, 0, 100, 0)));
        assertTrue(e.getMessage().contains("No cell has at least 100 counts"), e.getMessage());
    }
}
