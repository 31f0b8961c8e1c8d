package org.cdgm.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class BatchCovariateTest {

    @Test
    void levelsAreTheSortedDistinctValuesAndCodesIndexThem() {
        BatchCovariate b = BatchCovariate.of("bio_rep", Arrays.asList("rep2", "rep1", null, "rep2", "rep3"));
        assertEquals(List.of("rep1", "rep2", "rep3"), b.levels());
        assertArrayEquals(new int[] {1, 0, 2}, b.codes(List.of("rep2", "rep1", "rep3")));
        assertEquals(2, b.code("rep3"));
        assertEquals("The batch column bio_rep has the level 'rep4', which the model did not see in training; it "
                + "knows rep1, rep2, rep3. A model can only correct batches it was trained on: train it with these "
                + "cells' batch included", assertThrows(InvalidInputException.class, () -> b.code("rep4"))
                .getMessage());
    }

    @Test
    void oneLevelAmongTheKeptCellsIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BatchCovariate.of("bio_rep", List.of("rep_1", "rep_1")));
        assertEquals("The batch column bio_rep has one level (rep_1) among the kept cells: a covariate needs at "
                + "least two; leave it out", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> BatchCovariate.of("bio_rep", Arrays.asList(null, null)));
        assertEquals("The batch column bio_rep has no value among the kept cells: a covariate needs at least two; "
                + "leave it out", e.getMessage());
    }

    @Test
    void invalidCovariatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BatchCovariate(" ", List.of("a", "b")));
        assertEquals("The levels of batch column lane repeat: [a, a]", assertThrows(IllegalArgumentException.class,
                () -> new BatchCovariate("lane", List.of("a", "a"))).getMessage());
    }

    @Test
    void theDatasetCarriesTheCodesOfEachSet() {
        CellSet bg = CellSet.withDefaultIds(Condition.BACKGROUND, DenseCellMatrix.of(new double[][] {{1}, {2}}));
        CellSet tg = CellSet.withDefaultIds(Condition.TARGET, DenseCellMatrix.of(new double[][] {{3}, {4}, {5}}));
        ContrastiveDataset plain = new ContrastiveDataset(List.of("g"), bg, tg);
        assertEquals(0, plain.batchLevels());
        ContrastiveDataset d = plain.withBatch("lane", List.of("L2", "L1"), List.of("L1", "L1", "L3"));
        assertEquals(3, d.batchLevels());
        assertArrayEquals(new int[] {1, 0}, d.background().batchCodes());
        assertArrayEquals(new int[] {0, 0, 2}, d.target().batchCodes());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> plain.withBatch("lane", Arrays.asList("L2", null), List.of("L1", "L1", "L3")));
        assertEquals("Background cell 'background_2' (the 2nd background cell) has no value in the batch column lane; leave such cells "
                + "out or give their batch", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ContrastiveDataset(List.of("g"), bg,
                d.target(), d.batch()));
    }
}
