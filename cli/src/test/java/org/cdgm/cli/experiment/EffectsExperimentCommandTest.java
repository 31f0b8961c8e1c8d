package org.cdgm.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.cdgm.cli.MainTest;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.metrics.SalientEffectRecovery;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.simulation.SimulationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectsExperimentCommandTest {
    @TempDir
    Path dir;

    @Test
    void quickRunWritesRecoveryCalibrationAndSummary() throws IOException {
        Path out = dir.resolve("effects");
        MainTest.Result r = MainTest.run("experiment", "effects", "--quick", "--repeats", "2", "--permutations", "19",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("repeat 2/2 (data seed 1202): 3 epochs"), r.err());

        List<String> recovery = Files.readAllLines(out.resolve("gene-recovery.csv"));
        assertEquals(String.join(",", EffectsExperimentReport.RECOVERY_COLUMNS), recovery.get(0));
        assertEquals(3, recovery.size(), "one row per fit");
        for (int k = 1; k <= 2; k++) {
            String[] c = recovery.get(k).split(",", -1);
            assertEquals(String.valueOf(k), c[0]);
            assertEquals(String.valueOf(1200 + k), c[1], "data seed");
            assertEquals(String.valueOf(k), c[2], "training seed");
            for (int j = 3; j < 7; j++) {
                double v = Double.parseDouble(c[j]);
                assertTrue(v >= -1 - 1e-9 && v <= 1 + 1e-9, "score " + j + " in [-1, 1]: " + recovery.get(k));
            }
            assertEquals("3", c[7], "epochs run");
        }

        List<String> calibration = Files.readAllLines(out.resolve("calibration.csv"));
        assertEquals(String.join(",", EffectsExperimentReport.CALIBRATION_COLUMNS), calibration.get(0));
        List<String[]> rows = calibration.stream().skip(1).map(l -> l.split(",", -1)).toList();
        for (String repeat : List.of("1", "2")) {
            Set<String> labels = rows.stream().filter(c -> c[0].equals(repeat)).map(c -> c[1])
                    .collect(Collectors.toSet());
            assertEquals(Set.of("null_1", "null_2", "comp_1", "comp_2", "comp_3"), labels, "repeat " + repeat);
        }
        for (String[] c : rows) {
            assertEquals(c[1].startsWith("null_") ? "null" : "real", c[2]);
            if (c[2].equals("null")) {
                assertEquals(String.valueOf(EffectsExperimentCommand.QUICK_NULL_CELLS), c[3]);
            }
            for (int j : new int[] {4, 5, 8, 9}) {
                double p = Double.parseDouble(c[j]);
                assertTrue(p >= 1.0 / 20 - 1e-12 && p <= 1, "p-value with 19 permutations: " + String.join(",", c));
            }
            assertTrue(Double.isFinite(Double.parseDouble(c[6])) && Double.isFinite(Double.parseDouble(c[7])));
        }

        String md = Files.readString(out.resolve("summary.md"));
        assertEquals(md, r.out(), "the markdown goes to stdout too");
        assertTrue(md.contains("## Gene recovery (2 fits)"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| null | salient | raw | 4 | ")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| real | salient | raw | 6 | ")), md);
        assertTrue(md.contains("Command: `cdgm experiment effects --quick --repeats 2 --permutations 19 --out "), md);
    }

    @Test
    void nullBlocksAreBackgroundCellsMovedToTheTargetSet() {
        SimulationSettings s = new SimulationSettings(40, 30, 8, 2, 2, 3, 2, Likelihood.GAUSSIAN, 0.1, 500, 5, 3);
        NullPerturbationData d = NullPerturbationData.create(s, 2, 5);
        assertEquals(40, d.dataset().background().cells());
        assertEquals(30 + 10, d.dataset().target().cells());
        assertEquals(30, d.real());
        assertEquals(50, d.sim().dataset().background().cells(), "the simulation drew the null cells as background");
        CellMatrix drawn = d.sim().dataset().background().matrix();
        CellMatrix target = d.dataset().target().matrix();
        CellMatrix background = d.dataset().background().matrix();
        for (int g = 0; g < 8; g++) {
            for (int i = 0; i < 10; i++) {
                assertEquals(drawn.get(40 + i, g), target.get(30 + i, g), 0, "null cell " + i);
            }
            for (int i = 0; i < 40; i++) {
                assertEquals(drawn.get(i, g), background.get(i, g), 0, "background cell " + i);
            }
            for (int i = 0; i < 30; i++) {
                assertEquals(d.sim().dataset().target().matrix().get(i, g), target.get(i, g), 0);
            }
        }
        for (int i = 0; i < 30; i++) {
            assertEquals("comp_" + (d.sim().targetSalientComponent()[i] + 1), d.labels()[i]);
        }
        String[] nulls = java.util.Arrays.copyOfRange(d.labels(), 30, 40);
        assertArrayEquals(new String[] {"null_1", "null_1", "null_1", "null_1", "null_1", "null_2", "null_2",
                "null_2", "null_2", "null_2"}, nulls);
        assertEquals(30, d.sim().trueSalientEffect().length, "true effects of the real target cells");
        assertEquals(d.sim().dataset().target().cellIds().get(0), d.dataset().target().cellIds().get(0));
        assertEquals(d.sim().dataset().background().cellIds().get(40), d.dataset().target().cellIds().get(30));
    }

    @Test
    void summaryCountsRejectionsPerKindAndSpace() {
        EffectsExperimentReport report = new EffectsExperimentReport("data", "training", "cdgm x");
        SalientEffectRecovery.Scores s = new SalientEffectRecovery.Scores(0.9, 0.8, 0.7, 0.5);
        report.add(new EffectsExperimentReport.Fit(1, 1201, 1, s, 10, 9, 1.0), List.of(
                test(1, "null_1", 0.01, 0.5, 0.02), test(1, "null_2", 0.3, 0.04, 0.3),
                test(1, "comp_1", 0.005, 0.2, 0.01), test(1, "comp_2", 0.03, 0.01, 0.06)));
        report.add(new EffectsExperimentReport.Fit(2, 1202, 2, new SalientEffectRecovery.Scores(0.7, 0.6, 0.5, 0.3),
                10, 9, 1.0), List.of(test(2, "null_1", 0.6, 0.7, 0.6), test(2, "null_2", 0.8, 0.9, 0.8),
                test(2, "comp_1", 0.005, 0.6, 0.01)));
        String md = report.markdown(3);
        assertTrue(md.contains("| gene recovery: Spearman of per-gene effect sizes | 0.800 ± 0.141 | 0.700 | 0.900 |"),
                md);
        assertTrue(md.contains("| null | salient | raw | 4 | 1 | 0.250 ("), md);
        assertTrue(md.contains("| null | shared | raw | 4 | 1 | 0.250 ("), md);
        assertTrue(md.contains("| real | salient | raw | 3 | 3 | 1.000 ("), md);
        assertTrue(md.contains("| real | salient | BH-adjusted | 3 | 2 | 0.667 ("), md);
        assertTrue(md.contains("| real | shared | raw | 3 | 1 | 0.333 ("), md);
        assertTrue(md.contains("Null labels' salient p-values: median 0.450, smallest 0.010."), md);
        assertFalse(md.contains("NaN"), md);
    }

    @Test
    void wrongUsageNamesTheOption() {
        String out = dir.resolve("x").toString();
        assertEquals("error: --repeats must be at least 1, got 0 (see 'cdgm experiment effects --help')",
                MainTest.run("experiment", "effects", "--repeats", "0", "--out", out).failure(2));
        assertTrue(MainTest.run("experiment", "effects", "--permutations", "0", "--out", out).failure(2)
                .contains("--permutations: The number of permutations must be between 1 and 100000, got 0"));
        assertEquals("error: --epochs must be at least 1, got 0 (see 'cdgm experiment effects --help')",
                MainTest.run("experiment", "effects", "--epochs", "0", "--out", out).failure(2));
        assertTrue(MainTest.run("experiment", "effects").failure(2).contains("--out"));
        assertFalse(Files.exists(dir.resolve("x")), "nothing written on a usage error");
    }

    private static EffectsExperimentReport.Test test(int repeat, String label, double salientP, double sharedP,
                                                     double salientPAdj) {
        return new EffectsExperimentReport.Test(repeat, label, label.startsWith("null_"), 10, salientP, sharedP, 1,
                0.5, salientPAdj, sharedP);
    }
}
