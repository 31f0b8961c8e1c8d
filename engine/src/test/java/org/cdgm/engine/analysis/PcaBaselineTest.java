package org.cdgm.engine.analysis;

import static org.cdgm.engine.analysis.EnergyDistanceTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.DenseCellMatrix;
import org.junit.jupiter.api.Test;

class PcaBaselineTest {

    @Test
    void logNormalisesAsScanpy() {
        // counts {1, 3}: total 4, so log1p(1/4·1e4) and log1p(3/4·1e4)
        double[][] x = PcaBaseline.logNormalised(DenseCellMatrix.of(new double[][] {{1, 3}}));
        assertEquals(Math.log1p(2500), x[0][0], 1e-12);
        assertEquals(Math.log1p(7500), x[0][1], 1e-12);
    }

    @Test
    void matchesASingularValueDecompositionOfTheCentredMatrix() {
        CellMatrix counts = randomCounts(new Random(1), 40, 8);
        double[][] scores = PcaBaseline.logNormalisedComponents(counts, 3, null);
        double[][] expected = svdScores(direct(counts, null), 3);
        assertSameGeometry(expected, scores);
    }

    @Test
    void centresGenesWithinEachBatch() {
        Random r = new Random(2);
        CellMatrix counts = randomCounts(r, 40, 8);
        String[] batches = new String[40];
        for (int i = 0; i < 40; i++) {
            batches[i] = i % 3 == 0 ? "rep1" : "rep2";
        }
        double[][] scores = PcaBaseline.logNormalisedComponents(counts, 3, batches);
        assertSameGeometry(svdScores(direct(counts, batches), 3), scores);
        for (String b : new String[] {"rep1", "rep2"}) { // each batch's cells are centred on every component
            for (int c = 0; c < 3; c++) {
                double mean = 0;
                for (int i = 0; i < 40; i++) {
                    mean += batches[i].equals(b) ? scores[i][c] : 0;
                }
                assertEquals(0, mean, 1e-9, b + ", component " + (c + 1));
            }
        }
    }

    @Test
    void refusesBadInputs() {
        CellMatrix counts = randomCounts(new Random(3), 5, 4);
        assertMessage("between 1 and the number of genes (4), got 0",
                () -> PcaBaseline.logNormalisedComponents(counts, 0, null));
        assertMessage("between 1 and the number of genes (4), got 5",
                () -> PcaBaseline.logNormalisedComponents(counts, 5, null));
        assertMessage("There are 5 cells but 2 batch values",
                () -> PcaBaseline.logNormalisedComponents(counts, 2, new String[] {"a", "b"}));
        assertMessage("Cell 2 has no counts (total 0)", () -> PcaBaseline.logNormalisedComponents(
                DenseCellMatrix.of(new double[][] {{1, 2}, {0, 0}, {3, 1}}), 1, null));
        assertMessage("Cell 1, gene 2 has count -1.0", () -> PcaBaseline.logNormalisedComponents(
                DenseCellMatrix.of(new double[][] {{1, -1}, {0, 2}}), 1, null));
    }

    /** log1p(count / total · 1e4), centred per gene (per batch), written out directly. */
    private static double[][] direct(CellMatrix counts, String[] batches) {
        int n = counts.cells();
        int g = counts.genes();
        double[][] x = new double[n][g];
        for (int i = 0; i < n; i++) {
            double total = counts.rowSum(i);
            for (int j = 0; j < g; j++) {
                x[i][j] = Math.log(1 + counts.get(i, j) * 10_000 / total);
            }
        }
        double[][] out = new double[n][g];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < g; j++) {
                double sum = 0;
                int m = 0;
                for (int k = 0; k < n; k++) {
                    if (batches == null || batches[k].equals(batches[i])) {
                        sum += x[k][j];
                        m++;
                    }
                }
                out[i][j] = x[i][j] - sum / m;
            }
        }
        return out;
    }

    /** U·S of a plain SVD, first k columns. */
    private static double[][] svdScores(double[][] centred, int k) {
        SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(centred));
        RealMatrix us = svd.getU().multiply(svd.getS());
        return us.getSubMatrix(0, centred.length - 1, 0, k - 1).getData();
    }

    /** Signs of components are arbitrary: compare all pairwise distances, and each component's variance. */
    private static void assertSameGeometry(double[][] expected, double[][] actual) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                assertEquals(Points.distance(expected[i], expected[j]), Points.distance(actual[i], actual[j]), 1e-8);
            }
        }
        for (int c = 0; c < expected[0].length; c++) {
            double ve = 0;
            double va = 0;
            for (int i = 0; i < expected.length; i++) {
                ve += expected[i][c] * expected[i][c];
                va += actual[i][c] * actual[i][c];
            }
            assertEquals(ve, va, 1e-8 * ve, "variance of component " + (c + 1));
        }
    }

    private static CellMatrix randomCounts(Random r, int cells, int genes) {
        double[][] c = new double[cells][genes];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < genes; j++) {
                c[i][j] = Math.floor(r.nextDouble() * r.nextDouble() * (5 + 3 * j));
            }
            c[i][0] += 1; // no empty cell
        }
        return DenseCellMatrix.of(c);
    }
}
