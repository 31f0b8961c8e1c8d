package org.cdgm.engine.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DatasetValidatorTest {
    private static final List<String> GENES = List.of("CD4", "JAK2", "STAT1");

    private static ContrastiveDataset data(double[][] background, double[][] target) {
        return new ContrastiveDataset(GENES, CellSet.withDefaultIds(Condition.BACKGROUND, DenseCellMatrix.of(background)),
                CellSet.withDefaultIds(Condition.TARGET, DenseCellMatrix.of(target)));
    }

    private static void assertMessage(Runnable r, String... fragments) {
        InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should mention '" + f + "'");
        }
    }

    private final double[][] ok = {{1, 0, 3}, {2, 5, 1}};

    @Test
    void validCountsPass() {
        assertDoesNotThrow(() -> DatasetValidator.validate(data(ok, ok), ValueDomain.COUNTS));
    }

    @Test
    void nanAndInfinityNameCellAndGene() {
        assertMessage(() -> DatasetValidator.validate(data(ok, new double[][] {{1, 2, 3}, {1, Double.NaN, 2}}),
                ValueDomain.REAL), "Target cell 'target_2' (the 2nd target cell)", "gene 'JAK2'", "NaN");
        assertMessage(() -> DatasetValidator.validate(data(new double[][] {{Double.POSITIVE_INFINITY, 1, 1}}, ok),
                ValueDomain.REAL), "Background cell 'background_1' (the 1st background cell)", "gene 'CD4'", "Infinity");
    }

    @Test
    void negativeAndNonIntegerCountsAreRejectedForCountLikelihoodsOnly() {
        double[][] negative = {{1, -2, 3}};
        double[][] fractional = {{1, 2.5, 3}};
        assertMessage(() -> DatasetValidator.validate(data(ok, negative), ValueDomain.COUNTS), "negative count",
                "gene 'JAK2'", "Gaussian");
        assertMessage(() -> DatasetValidator.validate(data(fractional, ok), ValueDomain.COUNTS), "non-integer count",
                "2.5", "Background cell");
        assertDoesNotThrow(() -> DatasetValidator.validate(data(fractional, negative), ValueDomain.REAL));
    }

    @Test
    void aBadValueBeyondTheFirstBlockOfRowsIsFoundAndNamed() {
        // 2,000 genes: rows are read 524 at a time (CellMatrix.forEachRow), so row 1,500 lies in the third block
        int cells = 1_600;
        int genes = 2_000;
        float[] values = new float[cells * genes];
        java.util.Arrays.fill(values, 1f);
        values[1_499 * genes + 1_234] = -3f;
        CellSet set = CellSet.withDefaultIds(Condition.TARGET, new DenseCellMatrix(cells, genes, values));
        List<String> names = java.util.stream.IntStream.range(0, genes).mapToObj(j -> "g" + j).toList();
        assertMessage(() -> DatasetValidator.checkValues(set, names, ValueDomain.COUNTS),
                "Target cell 'target_1500' (the 1500th target cell), gene 'g1234': negative count -3.0");
    }

    @Test
    void emptyConditionsAndEmptyCellsAreRejected() {
        assertMessage(() -> DatasetValidator.validate(data(new double[0][], ok), ValueDomain.REAL),
                "Background data set has no cells");
        assertMessage(() -> DatasetValidator.validate(data(ok, new double[0][]), ValueDomain.REAL),
                "Target data set has no cells");
        assertMessage(() -> DatasetValidator.validate(data(ok, new double[][] {{0, 0, 0}}), ValueDomain.COUNTS),
                "Target cell 'target_1'", "no counts");
    }

    @Test
    void mismatchedGenesAreNamed() {
        assertMessage(() -> DatasetValidator.requireSameGenes(GENES, List.of("CD4", "JAK2")), "3 genes", "has 2");
        assertMessage(() -> DatasetValidator.requireSameGenes(GENES, List.of("CD4", "STAT1", "JAK2")), "Gene 2",
                "'JAK2' in background", "'STAT1' in target");
        assertMessage(() -> DatasetValidator.validate(new ContrastiveDataset(List.of("A", "A", "B"),
                CellSet.withDefaultIds(Condition.BACKGROUND, DenseCellMatrix.of(ok)),
                CellSet.withDefaultIds(Condition.TARGET, DenseCellMatrix.of(ok))), ValueDomain.REAL), "'A' appears twice");
        assertMessage(() -> DatasetValidator.validate(new ContrastiveDataset(List.of("A", "B"),
                CellSet.withDefaultIds(Condition.BACKGROUND, DenseCellMatrix.of(ok)),
                CellSet.withDefaultIds(Condition.TARGET, DenseCellMatrix.of(ok))), ValueDomain.REAL),
                "matrix has 3 genes but 2 gene names");
    }

    @Test
    void tooFewCellsForTheBatchSizeSaysWhatToChange() {
        assertMessage(() -> DatasetValidator.requireEnoughCells(Condition.TARGET, 40, 128, 0.1), "Target has 40",
                "batch size is 128", "at most 40");
    }

    @Test
    void cellIdsMustMatchTheMatrix() {
        assertMessage(() -> new CellSet(Condition.TARGET, DenseCellMatrix.of(ok), List.of("only-one")), "2 cells",
                "1 cell ids");
    }
}
