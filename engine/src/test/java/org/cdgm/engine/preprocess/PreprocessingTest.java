package org.cdgm.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.TenXReader;
import org.cdgm.engine.testdata.SharedData;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    private static AnnotatedMatrix small() {
        double[][] x = {{0, 1, 5, 0}, {0, 2, 5, 1}, {0, 0, 5, 9}};
        return new AnnotatedMatrix(DenseCellMatrix.of(x), List.of("A", "B", "C", "D"), List.of("c1", "c2", "c3"),
                new CellMetadata(3, Map.of("condition", List.of("ctrl", "ko", "ko"))));
    }

    @Test
    void geneFilterKeepsGenesExpressedInEnoughCells() {
        AnnotatedMatrix f = Preprocessing.filterGenes(small(), 2);
        assertEquals(List.of("B", "C", "D"), f.genes());
        assertEquals(9.0, f.matrix().get(2, 2), 0);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Preprocessing.filterGenes(small(),
                4));
        assertTrue(e.getMessage().contains("most expressed is in 3"), e.getMessage());
    }

    @Test
    void librarySizesAreRowTotals() {
        assertEquals(List.of(6.0, 8.0, 14.0), java.util.Arrays.stream(Preprocessing.librarySizes(small().matrix()))
                .boxed().toList());
    }

    @Test
    void highlyVariableGenesPreferGenesThatVaryAtTheirMeanLevel() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 400;
        int genes = 600;
        double[] geneMean = new double[genes];
        for (int g = 0; g < genes; g++) {
            geneMean[g] = Math.exp(Math.log(1) + rng.nextDouble() * Math.log(20)); // continuous, as in real data
        }
        double[][] x = new double[n][genes];
        for (int i = 0; i < n; i++) {
            boolean group = i % 2 == 0;
            for (int g = 0; g < genes; g++) {
                double mean = geneMean[g];
                if (g == 7 || g == 23) {
                    mean = group ? 16 : 2; // differs between two cell groups, at a common mean level
                }
                x[i][g] = poisson(mean, rng);
            }
        }
        List<String> names = java.util.stream.IntStream.range(0, genes).mapToObj(g -> "g" + g).toList();
        AnnotatedMatrix a = new AnnotatedMatrix(DenseCellMatrix.of(x), names,
                java.util.stream.IntStream.range(0, n).mapToObj(i -> "c" + i).toList(), CellMetadata.none(n));
        assertEquals(List.of("g7", "g23"), Preprocessing.highlyVariableGenes(a, 2).genes());
    }

    private static double poisson(double mean, SplittableRandom rng) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Test
    void splitByColumnAndItsErrors() {
        ContrastiveDataset d = ConditionSplit.split(small(), "condition", Set.of("ctrl"), Set.of("ko"));
        assertEquals(1, d.background().cells());
        assertEquals(List.of("c2", "c3"), d.target().cellIds());
        assertEquals(9.0, d.target().matrix().get(1, 3), 0);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ConditionSplit.split(small(), "condition", Set.of("control"), null));
        assertTrue(e.getMessage().contains("no background") && e.getMessage().contains("'ctrl' (1 cells)"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> ConditionSplit.split(small(), "condition", Set.of("ctrl"), Set.of("treated")));
        assertTrue(e.getMessage().contains("'ko' (2 cells)"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> ConditionSplit.split(small(), "batch", Set.of("ctrl"), null));
        assertTrue(e.getMessage().contains("No cell metadata column 'batch'; available: condition"), e.getMessage());
        Condition[] labels = ConditionSplit.labels(small(), "condition", Set.of("ctrl"), Set.of("treated", "ko"),
                false);
        assertArrayEquals(new Condition[] {Condition.BACKGROUND, Condition.TARGET, Condition.TARGET}, labels);
        AnnotatedMatrix three = new AnnotatedMatrix(small().matrix(), small().genes(), small().cellIds(),
                new CellMetadata(3, Map.of("condition", List.of("ctrl", "ko", "doublet"))));
        assertArrayEquals(new Condition[] {Condition.BACKGROUND, Condition.TARGET, null},
                ConditionSplit.labels(three, "condition", Set.of("ctrl"), Set.of("ko"), true), "others dropped");
        e = assertThrows(InvalidInputException.class,
                () -> ConditionSplit.labels(three, "condition", Set.of("ctrl"), Set.of("ko"), false));
        assertTrue(e.getMessage().contains("'doublet' (1 cells)"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> ConditionSplit.labels(three, "condition", Set.of("ctrl"), Set.of("treated"), true));
        assertTrue(e.getMessage().contains("No target cell"), e.getMessage());
    }

    @Test
    void alignmentIntersectsOrInsistsOnTheSameGenes() {
        AnnotatedMatrix b = small();
        AnnotatedMatrix t = new AnnotatedMatrix(DenseCellMatrix.of(new double[][] {{7, 8, 9}}), List.of("D", "X", "B"),
                List.of("t1"), CellMetadata.none(1));
        ContrastiveDataset d = GeneAlignment.align(b, t, true);
        assertEquals(List.of("B", "D"), d.genes());
        assertEquals(9.0, d.target().matrix().get(0, 0), 0);
        assertEquals(7.0, d.target().matrix().get(0, 1), 0);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GeneAlignment.align(b, t, false));
        assertTrue(e.getMessage().contains("4 genes but target has 3"), e.getMessage());
    }

    @Test
    void papalexiScreenSplitsIntoTheDocumentedConditions() throws Exception {
        var dir = SharedData.root().resolve("papalexi2021_lowmoi");
        AnnotatedMatrix screen = TenXReader.read(dir, dir.resolve("cell_metadata.csv"), "barcode");
        ContrastiveDataset d = ConditionSplit.split(screen, "condition", Set.of("background"), Set.of("target"));
        assertEquals(2386, d.background().cells());
        assertEquals(18343, d.target().cells());
        ContrastiveDataset byGuide = ConditionSplit.split(screen, "grna_target", Set.of("non-targeting"), null);
        assertEquals(2386, byGuide.background().cells());
        assertEquals(299, Preprocessing.filterGenes(screen, 1).genes().size());
    }

    @Test
    void viewsOfViewsComposeAndSumRowsLikeTheirValues() {
        double[][] x = {{1, 0, 2, 0}, {0, 3, 0, 4}, {5, 0, 0, 6}};
        org.cdgm.engine.data.SparseCellMatrix sparse = new org.cdgm.engine.data.SparseCellMatrix(3, 4,
                new long[] {0, 2, 4, 6}, new int[] {0, 2, 1, 3, 0, 3}, new float[] {1, 2, 3, 4, 5, 6});
        SubsetCellMatrix outer = new SubsetCellMatrix(new SubsetCellMatrix(sparse, new int[] {2, 0, 1},
                new int[] {0, 1, 2, 3}), new int[] {2, 0}, new int[] {3, 0});
        // cells (1, 2) of the base, genes (3, 0)
        assertEquals(4.0, outer.get(0, 0));
        assertEquals(6.0, outer.get(1, 0));
        assertEquals(5.0, outer.get(1, 1));
        SubsetCellMatrix allGenes = new SubsetCellMatrix(sparse, new int[] {2, 1}, new int[] {0, 1, 2, 3});
        for (SubsetCellMatrix m : new SubsetCellMatrix[] {outer, allGenes}) {
            float[] row = new float[m.genes()];
            for (int i = 0; i < m.cells(); i++) {
                m.copyRows(new int[] {i}, row);
                double sum = 0;
                for (float v : row) {
                    sum += v;
                }
                assertEquals(sum, m.rowSum(i));
            }
        }
        assertEquals(11.0, allGenes.rowSum(0));
        assertEquals(x[1][1] + x[1][3], allGenes.rowSum(1));
    }
}
