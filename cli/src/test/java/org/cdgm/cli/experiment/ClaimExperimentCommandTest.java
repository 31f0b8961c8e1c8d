package org.cdgm.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cdgm.cli.MainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plumbing of {@code cdgm experiment mixing|noise|misspecified} on tiny sizes (40 + 40 cells, 8 genes, 2
 * epochs): which files, which rows and columns; nothing about the scores' values beyond their range.
 */
class ClaimExperimentCommandTest {
    private static final String SUMMARY_HEADER = "setting,mode,block,metric,mean,ci_low,ci_high";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "mixing; mixing=relu,decoder=relu|mixing=relu,decoder=tanh|mixing=tanh,decoder=relu"
                + "|mixing=tanh,decoder=tanh; co",
        "noise; noise=gaussian|noise=poisson|noise=nb; co",
        "misspecified; latent=4+4,noise=nb; classic|mo|co|mo+co"})
    void tinyRunWritesOneSummaryRowPerSettingModeBlockAndScore(String experiment, String settings, String modes)
            throws IOException {
        Path out = dir.resolve(experiment);
        MainTest.Result r = MainTest.run("experiment", experiment, "--quick", "--epochs", "2", "--seeds", "3",
                "--data-seeds", "1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> settingList = List.of(settings.split("\\|"));
        List<String> modeList = List.of(modes.split("\\|"));
        int fits = settingList.size() * modeList.size() * 3;

        List<String> summaryLines = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(SUMMARY_HEADER, summaryLines.get(0), "exactly the columns the checks read");
        List<CSVRecord> summary = read(out.resolve("summary.csv"));
        Set<String> metrics = Set.of("mcc", "mcc_spearman", "mcc_aligned", "r2_linear", "r2_kernel",
                "r2_reverse_linear", "r2_reverse_kernel", "leakage_linear", "leakage_kernel", "stability_mcc",
                "stability_r2");
        for (String setting : settingList) {
            for (String mode : modeList) {
                for (String block : List.of("shared", "salient")) {
                    Set<String> got = summary.stream().filter(c -> c.get("setting").equals(setting)
                            && c.get("mode").equals(mode) && c.get("block").equals(block))
                            .map(c -> c.get("metric")).collect(Collectors.toSet());
                    Set<String> want = new java.util.HashSet<>(metrics);
                    if (block.equals("salient")) {
                        want.add("background_spread");
                    }
                    assertEquals(want, got, setting + " " + mode + " " + block);
                }
            }
        }
        assertEquals(settingList.size() * modeList.size() * (2 * metrics.size() + 1), summary.size(),
                "one row per setting, mode, block and score");
        for (CSVRecord c : summary) {
            double mean = Double.parseDouble(c.get("mean"));
            double low = Double.parseDouble(c.get("ci_low"));
            double high = Double.parseDouble(c.get("ci_high"));
            assertTrue(low <= mean && mean <= high, "interval around the mean: " + c);
            if (c.get("metric").contains("mcc")) {
                assertTrue(mean >= -1 && mean <= 1, "an MCC: " + c);
            }
        }

        List<CSVRecord> raw = read(out.resolve("raw.csv"));
        assertEquals(List.of("setting", "mode", "data_seed", "train_seed", "other_seed", "block", "metric", "value"),
                List.of(Files.readAllLines(out.resolve("raw.csv")).get(0).split(",")));
        long fitRows = raw.stream().filter(c -> c.get("other_seed").isEmpty()).count();
        assertEquals((long) fits * (2 * (metrics.size() - 2) + 1), fitRows, "per fit: every score but stability");
        List<CSVRecord> pairs = raw.stream().filter(c -> !c.get("other_seed").isEmpty()).toList();
        // 3 seeds: pairs (1,2), (1,3), (2,3) per setting and mode, 4 stability scores each
        assertEquals((long) settingList.size() * modeList.size() * 3 * 4, pairs.size());
        Map<String, Long> pairCounts = new TreeMap<>(pairs.stream().collect(Collectors.groupingBy(
                c -> c.get("train_seed") + "-" + c.get("other_seed"), Collectors.counting())));
        assertEquals(Set.of("1-2", "1-3", "2-3"), pairCounts.keySet());
        assertTrue(raw.stream().allMatch(c -> c.get("data_seed").equals("1001")), "data seed 1001");

        assertEquals(fits + 1, Files.readAllLines(out.resolve("fits.csv")).size(), "one row per fit");
        byte[] png = Files.readAllBytes(out.resolve("figure.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1], "a PNG");
        String md = Files.readString(out.resolve("summary.md"));
        assertEquals(md, r.out(), "the markdown goes to stdout too");
        assertEquals(2 + settingList.size() * modeList.size() * 2, md.lines().count(), md);
        assertTrue(r.err().contains(fits + " fits of 400 + 400 cells x 20 genes, at most 2 epochs"), r.err());
    }

    @Test
    void stabilityIntervalIsEmptyForASinglePair() throws IOException {
        Path out = dir.resolve("one-pair");
        MainTest.Result r = MainTest.run("experiment", "misspecified", "--quick", "--epochs", "1", "--mode", "co",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        for (CSVRecord c : read(out.resolve("summary.csv"))) {
            assertEquals("latent=4+4,noise=nb", c.get("setting"));
            assertEquals("co", c.get("mode"));
            if (c.get("metric").startsWith("stability")) {
                assertTrue(c.get("ci_low").isEmpty() && c.get("ci_high").isEmpty(), "one pair, no interval: " + c);
            } else {
                assertFalse(c.get("ci_low").isEmpty(), "two fits: " + c);
            }
        }
    }

    @Test
    void calibrationSetsEveryPairAgainstTheTruth() throws IOException {
        Path run = dir.resolve("run");
        assertEquals(0, MainTest.run("experiment", "misspecified", "--quick", "--epochs", "1", "--seeds", "3",
                "--mode", "co,mo", "--out", run.toString()).status());
        Path out = dir.resolve("calibration");
        MainTest.Result r = MainTest.run("experiment", "calibration", "--in", run.toString(), "--out",
                out.toString());
        assertEquals(0, r.status(), r.err());
        List<CSVRecord> pairs = read(out.resolve("pairs.csv"));
        assertEquals(2 * 3 * 2, pairs.size(), "2 modes x 3 pairs of seeds x 2 blocks");
        assertEquals(Set.of("co", "mo"), pairs.stream().map(c -> c.get("mode")).collect(Collectors.toSet()));
        assertEquals("block,stability_band,pairs,true_mcc_aligned,ci_low,ci_high,leakage_linear",
                Files.readAllLines(out.resolve("calibration.csv")).get(0));
        assertEquals(Files.readString(out.resolve("calibration.md")), r.out());
        assertTrue(Files.size(out.resolve("calibration.png")) > 1000);
        String missing = dir.resolve("missing").toString();
        assertEquals("error: No raw.csv in " + missing + ": give the --out folder of cdgm experiment mixing, noise or "
                + "misspecified", MainTest.run("experiment", "calibration", "--in", missing, "--out",
                        out.toString()).failure(1));
        assertTrue(MainTest.run("experiment", "calibration", "--out", out.toString()).failure(2).contains("--in"));
    }

    @Test
    void wrongUsageNamesTheOption() {
        String out = dir.resolve("x").toString();
        assertEquals("error: --seeds must be at least 2 (seed stability compares pairs of fits), got 1 (see 'cdgm "
                + "experiment mixing --help')", MainTest.run("experiment", "mixing", "--seeds", "1", "--out", out)
                .failure(2));
        assertEquals("error: --data-seeds must be at least 1, got 0 (see 'cdgm experiment noise --help')",
                MainTest.run("experiment", "noise", "--data-seeds", "0", "--out", out).failure(2));
        assertEquals("error: --epochs must be at least 1, got 0 (see 'cdgm experiment misspecified --help')",
                MainTest.run("experiment", "misspecified", "--epochs", "0", "--out", out).failure(2));
        assertEquals("error: --parallel must be at least 1, got 0 (see 'cdgm experiment mixing --help')",
                MainTest.run("experiment", "mixing", "--parallel", "0", "--out", out).failure(2));
        assertTrue(MainTest.run("experiment", "mixing", "--mode", "fast", "--out", out).failure(2)
                .contains("'fast' is not a training mode: use classic, mo, co or mo+co"));
        assertTrue(MainTest.run("experiment", "noise").failure(2).contains("--out"));
        assertFalse(Files.exists(dir.resolve("x")), "nothing written on a usage error");
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }
}
