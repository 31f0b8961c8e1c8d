package org.cdgm.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cdgm.cli.MainTest;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchesExperimentCommandTest {
    @TempDir
    Path dir;

    private static Path sharedData() {
        return Path.of(System.getProperty("cdgm.shared.data", "../shared/data")).toAbsolutePath().normalize();
    }

    @Test
    void quickRunFitsEachSeedWithoutAndWithTheReplicateCovariate() throws IOException {
        Path out = dir.resolve("batches");
        MainTest.Result r = MainTest.run("experiment", "batches", "--quick", "--seeds", "2", "--epochs", "1",
                "--data", sharedData().toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("120 background + 918 target cells x 40 genes, replicates rep_1, rep_2, rep_3"),
                r.err());
        assertTrue(r.err().contains("chose negative binomial"), r.err());
        assertTrue(r.err().contains("seed 2/2 with bio_rep: 1 epoch (best 1)"), r.err());

        List<String> fits = Files.readAllLines(out.resolve("fits.csv"));
        assertEquals(String.join(",", BatchesReport.FIT_COLUMNS), fits.get(0));
        assertEquals(1 + 2 * 2, fits.size(), "two fits per seed");
        List<String[]> rows = fits.stream().skip(1).map(l -> l.split(",", -1)).toList();
        assertEquals(List.of("1", "1", "2", "2"), rows.stream().map(c -> c[0]).toList());
        assertEquals(List.of("none", "bio_rep", "none", "bio_rep"), rows.stream().map(c -> c[1]).toList());
        for (String[] c : rows) {
            assertEquals(BatchesReport.FIT_COLUMNS.size(), c.length);
            assertEquals("1", c[2], "epochs_run");
            for (int j = 7; j < 11; j++) {
                double v = Double.parseDouble(c[j]);
                assertTrue(v > 0 && v <= 1, "kNN accuracy or chance in (0, 1]: " + String.join(",", c));
            }
            for (int j = 11; j < 14; j++) {
                double v = Double.parseDouble(c[j]);
                assertTrue(v >= -1 && v <= 1, "silhouette in [-1, 1]: " + String.join(",", c));
            }
            // the same cells in every fit: the same chance levels, at least a third with three replicates
            assertEquals(rows.get(0)[8], c[8]);
            assertEquals(rows.get(0)[10], c[10]);
            assertTrue(Double.parseDouble(c[8]) >= 1.0 / 3);
        }

        String md = Files.readString(out.resolve("summary.md"));
        assertEquals(md, r.out(), "the markdown goes to stdout too");
        assertTrue(md.contains("| score | space (cells) | without covariate | with bio_rep as covariate | chance |"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| replicate 15-NN accuracy | shared (all 1,038) | ")
                && l.contains(" ± ")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| replicate silhouette | salient (target 918) | ")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| IFN-γ pathway silhouette | salient (target 918) | ")),
                md);
        assertTrue(md.contains("2 fits (seeds 1..2, mean ± sd) per column"), md);
        assertTrue(md.contains("regulariser <= epsilon 0.3"), md);
        assertTrue(md.contains("Command: `cdgm experiment batches --quick --seeds 2 --epochs 1 --data "), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| with bio_rep | 2 | 1 (1) | ")), md);
    }

    @Test
    void theScreenWithoutReplicatesHasTheSameCellsAndNoCovariate() {
        DenseCellMatrix b = DenseCellMatrix.of(new double[][] {{1, 2}, {3, 4}});
        DenseCellMatrix t = DenseCellMatrix.of(new double[][] {{5, 6}, {7, 8}, {9, 10}});
        ContrastiveDataset plain = new ContrastiveDataset(List.of("g1", "g2"),
                new CellSet(Condition.BACKGROUND, b, List.of("b1", "b2")),
                new CellSet(Condition.TARGET, t, List.of("t1", "t2", "t3")));
        ReplicateScreen screen = new ReplicateScreen(plain.withBatch("bio_rep", List.of("rep_2", "rep_1"),
                List.of("rep_1", "rep_3", "rep_2")), List.of("JAK2", "CUL3", "STAT1"), 0);
        assertEquals(List.of("rep_1", "rep_2", "rep_3"), screen.replicateLevels());
        assertEquals(List.of("rep_2", "rep_1"), screen.backgroundReplicates());
        assertEquals(List.of("rep_1", "rep_3", "rep_2"), screen.targetReplicates());
        assertEquals(List.of("rep_2", "rep_1", "rep_1", "rep_3", "rep_2"), screen.allReplicates());

        ContrastiveDataset without = screen.withoutReplicates();
        assertNull(without.batch());
        assertEquals(0, without.batchLevels());
        assertFalse(without.target().hasBatchCodes());
        assertEquals(List.of("t1", "t2", "t3"), without.target().cellIds());
        assertEquals(9.0, without.target().matrix().get(2, 0));
        assertEquals(3, screen.withReplicates().batchLevels());

        double[][] all = ReplicateScreen.allCells(new double[][] {{1}, {2}}, new double[][] {{3}});
        assertArrayEquals(new double[][] {{1}, {2}, {3}}, all);
    }

    @Test
    void theSummaryShowsOneValueOrMeanAndSdPerColumn() {
        BatchesReport report = new BatchesReport("cells", "training", "cdgm experiment batches", "bio_rep", 100,
                80);
        report.add(new BatchesReport.Fit(1, BatchesReport.NONE, 40, 38, true, 0.5, 60,
                new ReplicateMixing(0.6, 0.45, 0.46, 0.46, 0.02, -0.01, 0.4)));
        report.add(new BatchesReport.Fit(1, "bio_rep", 40, 40, true, 0.5, 60,
                new ReplicateMixing(0.45, 0.45, 0.45, 0.46, -0.01, -0.01, 0.36)));
        report.add(new BatchesReport.Fit(2, "bio_rep", 40, 40, false, 0.5, 60,
                new ReplicateMixing(0.47, 0.45, 0.45, 0.46, 0.0, -0.01, 0.38)));
        String md = report.markdown(1);
        assertTrue(md.contains("| replicate 15-NN accuracy | shared (all 100) | 0.600 | 0.460 ± 0.014 | 0.450 |"),
                md);
        assertTrue(md.contains("| IFN-γ pathway silhouette | salient (target 80) | 0.400 | 0.370 ± 0.014 | ≈ 0 |"),
                md);
        assertTrue(md.contains("| with bio_rep | 2 | 40 (40) | no | 0.500 | 1.0 |"), md);
        assertEquals("–", BatchesReport.cell(List.of(), ReplicateMixing::knnShared));
    }

    @Test
    void wrongUsageNamesTheOptionAndWritesNothing() {
        String out = dir.resolve("x").toString();
        assertEquals("error: --seeds must be at least 1, got 0 (see 'cdgm experiment batches --help')",
                MainTest.run("experiment", "batches", "--seeds", "0", "--out", out).failure(2));
        assertEquals("error: --epochs must be at least 1, got 0 (see 'cdgm experiment batches --help')",
                MainTest.run("experiment", "batches", "--epochs", "0", "--out", out).failure(2));
        assertTrue(MainTest.run("experiment", "batches", "--seeds", "two", "--out", out).failure(2)
                .contains("--seeds"));
        assertTrue(MainTest.run("experiment", "batches").failure(2).contains("--out"));
        assertTrue(MainTest.run("experiment", "batches", "--out", out, "--bogus").failure(2).contains("--bogus"));
        assertFalse(Files.exists(dir.resolve("x")), "nothing written on a usage error");
    }

    @Test
    void missingScreenFailsBeforeAnythingIsWritten() {
        String line = MainTest.run("experiment", "batches", "--quick", "--data", dir.resolve("nowhere").toString(),
                "--out", dir.resolve("x").toString()).failure(1);
        assertTrue(line.startsWith("error: no such file: ") && line.contains("papalexi2021_lowmoi")
                && line.contains("--data DIR"), line);
        assertFalse(Files.exists(dir.resolve("x")), "nothing written");
    }

    @Test
    void helpListsTheExperimentAndItsOptions() {
        MainTest.Result parent = MainTest.run("experiment", "--help");
        assertEquals(0, parent.status());
        assertTrue(parent.out().contains("batches"), parent.out());
        MainTest.Result help = MainTest.run("experiment", "batches", "--help");
        assertEquals(0, help.status());
        assertEquals("", help.err());
        for (String option : List.of("--seeds", "--epochs", "--quick", "--data", "--out", "fits.csv", "summary.md",
                "bio_rep", "epsilon 0.3")) {
            assertTrue(help.out().contains(option), option);
        }
    }
}
