package org.cdgm.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.cdgm.cli.Main;
import org.cdgm.cli.MainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StabilityCommandTest {
    private static final String FITS_HEADER = "dataset,mode,seed,chosen,best_epoch,epochs_run,held_out_loss,"
            + "final_lambda,shared_mcc,salient_mcc,shared_mcc_aligned,salient_mcc_aligned,salient_leakage_linear,"
            + "shared_leakage_linear,ifng_silhouette_salient,ifng_silhouette_shared,knockout_knn_accuracy_salient,"
            + "knockout_knn_accuracy_shared,ifng_knn_accuracy_salient,ifng_knn_accuracy_shared";
    private static final String STABILITY_HEADER = "dataset,mode,shared_mcc,salient_mcc,shared_r2,salient_r2,"
            + "chosen_seed,seeds,wall_seconds,shared_svcca,salient_svcca,shared_effective_dim,salient_effective_dim";

    @TempDir
    Path dir;

    private static MainTest.Result run(String... args) {
        return MainTest.run(args);
    }

    private static Path sharedData() {
        return Path.of(System.getProperty("cdgm.shared.data", "../shared/data")).toAbsolutePath().normalize();
    }

    @Test
    void quickSimulationWritesFitsStabilityAndMarkdown() throws IOException {
        Path out = dir.resolve("stability");
        MainTest.Result r = run("experiment", "stability", "--dataset", "simulation", "--quick", "--seeds", "3", "--mode", "co",
                "--mode", "mo", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("simulation co seed 3: 3 epochs"), r.err());
        assertTrue(r.err().contains("simulation mo: stability shared MCC"), r.err());

        List<String> fits = Files.readAllLines(out.resolve("fits.csv"));
        assertEquals(FITS_HEADER, fits.get(0));
        assertEquals(1 + 2 * 3, fits.size(), "one row per mode and seed");
        for (String mode : List.of("co", "mo")) {
            List<String[]> rows = fits.stream().skip(1).map(l -> l.split(",", -1)).filter(c -> c[1].equals(mode))
                    .toList();
            assertEquals(List.of("1", "2", "3"), rows.stream().map(c -> c[2]).toList());
            assertEquals(1, rows.stream().filter(c -> c[3].equals("1")).count(), "one chosen seed per mode");
            for (String[] c : rows) {
                assertEquals(FITS_HEADER.split(",").length, c.length);
                assertEquals("simulation", c[0]);
                assertEquals("3", c[5], "epochs_run");
                assertTrue(Double.isFinite(Double.parseDouble(c[6])), "held_out_loss");
                assertEquals(mode.equals("co"), !c[7].isEmpty(), "final_lambda only when constrained");
                for (int j = 8; j < 14; j++) {
                    assertTrue(Double.isFinite(Double.parseDouble(c[j])), "simulation score " + j);
                }
                for (int j = 14; j < 20; j++) {
                    assertEquals("", c[j], "papalexi scores are empty for the simulation");
                }
            }
        }

        List<String> stability = Files.readAllLines(out.resolve("stability.csv"));
        assertEquals(STABILITY_HEADER, stability.get(0));
        assertEquals(3, stability.size());
        for (String line : stability.subList(1, 3)) {
            String[] c = line.split(",", -1);
            assertEquals("simulation", c[0]);
            for (int j = 2; j < 6; j++) {
                double v = Double.parseDouble(c[j]);
                assertTrue(Double.isFinite(v) && v <= 1.0 + 1e-9, line);
            }
            String chosen = fits.stream().skip(1).map(l -> l.split(",", -1))
                    .filter(f -> f[1].equals(c[1]) && f[3].equals("1")).findFirst().orElseThrow()[2];
            assertEquals(chosen, c[6], "stability.csv and fits.csv agree on the chosen seed");
            assertEquals("3", c[7]);
            for (int j = 9; j < 11; j++) {
                double v = Double.parseDouble(c[j]);
                assertTrue(v >= 0 && v <= 1.0 + 1e-9, "SVCCA in [0, 1]: " + line);
            }
            for (int j = 11; j < 13; j++) {
                double v = Double.parseDouble(c[j]);
                assertTrue(v >= 1 - 1e-9 && v <= 4 + 1e-9, "effective dimension in [1, k]: " + line);
            }
        }

        String md = Files.readString(out.resolve("stability.md"));
        assertEquals(md, r.out(), "the markdown goes to stdout too");
        assertTrue(md.contains("## simulation"), md);
        assertFalse(md.contains("## papalexi"), md);
        assertTrue(md.contains("| mode | salient stability (MCC) | shared stability (MCC) | salient stability (R²) | "
                + "shared stability (R²) | salient stability (SVCCA) | shared stability (SVCCA) | effective dimension, "
                + "salient and shared (chosen seed) |"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| co | ")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| mo | ")), md);
        assertTrue(md.contains(" ± "), md);
        assertTrue(md.contains("Wall time: "), md);
    }

    @Test
    void quickPapalexiReadsTheScreenAsFitDoes() throws IOException {
        Path out = dir.resolve("screen");
        MainTest.Result r = run("experiment", "stability", "--dataset", "papalexi", "--quick", "--seeds", "2", "--data",
                sharedData().toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("chose negative binomial"), r.err());
        List<String> fits = Files.readAllLines(out.resolve("fits.csv"));
        assertEquals(FITS_HEADER, fits.get(0));
        assertEquals(3, fits.size());
        for (String line : fits.subList(1, 3)) {
            String[] c = line.split(",", -1);
            assertEquals("papalexi", c[0]);
            assertEquals("co", c[1]);
            assertTrue(Arrays.stream(c, 8, 14).allMatch(String::isEmpty), line);
            assertTrue(Arrays.stream(c, 14, 18).allMatch(v -> Double.isFinite(Double.parseDouble(v))), line);
            assertTrue(Arrays.stream(c, 18, 20).allMatch(String::isEmpty), "papalexi-small's own scores: " + line);
        }
        String md = Files.readString(out.resolve("stability.md"));
        assertTrue(md.contains("## papalexi") && md.contains("IFN-γ silhouette (salient)"), md);
        assertTrue(md.contains("background (non-targeting)"), md);
    }

    @Test
    void quickPapalexiSmallFitsTheDocumentedSubset() throws IOException {
        Path out = dir.resolve("small");
        MainTest.Result r = run("experiment", "stability", "--dataset", "papalexi-small", "--quick", "--seeds", "2", "--data",
                sharedData().toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("papalexi-small: 300 background + 300 target cells x 299 genes"), r.err());
        assertTrue(r.err().contains("chose negative binomial"), r.err());
        assertTrue(r.err().contains("papalexi-small co seed 2: 3 epochs"), r.err());
        List<String> fits = Files.readAllLines(out.resolve("fits.csv"));
        assertEquals(FITS_HEADER, fits.get(0));
        assertEquals(3, fits.size());
        for (String line : fits.subList(1, 3)) {
            String[] c = line.split(",", -1);
            assertEquals("papalexi-small", c[0]);
            assertTrue(Arrays.stream(c, 8, 14).allMatch(String::isEmpty), line);
            assertTrue(Arrays.stream(c, 14, 20).allMatch(v -> Double.isFinite(Double.parseDouble(v))), line);
        }
        String md = Files.readString(out.resolve("stability.md"));
        assertTrue(md.contains("## papalexi-small"), md);
        assertTrue(md.contains("random subset (java.util.Random seed 2021)"), md);
        assertTrue(md.contains(": 300 of its 2,386 background (non-targeting) cells, 150 of its "), md);
        // the subset's own composition, counted on its target cells: 150 pathway knockouts of 300
        assertTrue(md.contains("silhouette of the 150 IFN-gamma pathway knockout cells"), md);
        assertTrue(md.contains("always guessing the larger group gives 0.500"), md);
        assertTrue(md.contains("IFN-γ kNN accuracy (salient)"), md);
    }

    @Test
    void smallRowsAreDeterministicWithTheDocumentedComposition() {
        List<String> genes = List.of("JAK2", "CD86", "STAT1", "ATF2", "IFNGR1", "CAV1", "IRF1", "MYC", "IFNGR2");
        List<String> knockout = java.util.stream.IntStream.range(0, 2000).mapToObj(i -> genes.get(i % genes.size()))
                .toList();
        PapalexiData.Rows rows = PapalexiData.smallRows(1000, knockout, PapalexiData.SMALL_SEED);
        assertEquals(300, rows.background().length);
        assertEquals(300, rows.target().length);
        assertEquals(300, Arrays.stream(rows.background()).distinct().count());
        assertEquals(300, Arrays.stream(rows.target()).distinct().count());
        assertTrue(Arrays.stream(rows.background()).allMatch(i -> i >= 0 && i < 1000));
        int[] sorted = rows.target().clone();
        Arrays.sort(sorted);
        assertTrue(Arrays.equals(sorted, rows.target()), "ascending");
        List<String> labels = PapalexiData.pathwayLabels(Arrays.stream(rows.target()).mapToObj(knockout::get)
                .toList());
        assertEquals(150, labels.stream().filter(PapalexiData.PATHWAY::equals).count());
        assertEquals(150, labels.stream().filter(PapalexiData.OTHER::equals).count());

        PapalexiData.Rows again = PapalexiData.smallRows(1000, knockout, PapalexiData.SMALL_SEED);
        assertTrue(Arrays.equals(rows.background(), again.background()));
        assertTrue(Arrays.equals(rows.target(), again.target()));
        PapalexiData.Rows other = PapalexiData.smallRows(1000, knockout, PapalexiData.SMALL_SEED + 1);
        assertFalse(Arrays.equals(rows.target(), other.target()), "the seed matters");
    }

    @Test
    void smallRowsNameTheGroupThatIsTooSmall() {
        List<String> knockout = java.util.Collections.nCopies(400, "CD86");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PapalexiData.smallRows(1000, knockout, 1));
        assertEquals("papalexi-small needs 150 IFN-gamma pathway knockout cells, the prepared screen has 0",
                e.getMessage());
        assertEquals("papalexi-small needs 300 background cells, the prepared screen has 299",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> PapalexiData.smallRows(299, knockout, 1)).getMessage());
    }

    @Test
    void datasetsAreRepeatableCommaSeparatedAndAllMeansSimulationAndPapalexi() {
        assertEquals(List.of("simulation", "papalexi"), parse().datasets());
        assertEquals(List.of("simulation", "papalexi", "papalexi-small"),
                parse("--dataset", "simulation,papalexi,papalexi-small").datasets());
        assertEquals(List.of("papalexi-small", "simulation", "papalexi"),
                parse("--dataset", "papalexi-small", "--dataset", "all,simulation").datasets());
    }

    private static StabilityCommand parse(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--out", "x"));
        return picocli.CommandLine.populateCommand(new StabilityCommand(), all.toArray(String[]::new));
    }

    @Test
    void trainingOptionsReachTheSettingsAndTheMarkdown() throws IOException {
        var defaults = org.cdgm.engine.training.TrainingSettings.defaults(
                org.cdgm.engine.training.TrainingMode.CONSTRAINED);
        var t = parse("--mode", "co,mo", "--epsilon", "0.2", "--warmup-epochs", "0", "--gradient-clip", "2.5")
                .training();
        assertEquals(List.of(org.cdgm.engine.training.TrainingMode.CONSTRAINED,
                org.cdgm.engine.training.TrainingMode.MULTI_OBJECTIVE), List.copyOf(t.keySet()));
        for (var s : t.values()) {
            assertEquals(0.2, s.epsilon());
            assertEquals(0, s.warmupEpochs());
            assertEquals(2.5, s.gradientClip());
            assertEquals(defaults.klWarmupEpochs(), s.klWarmupEpochs(), "the default where not given");
            assertEquals(defaults.learningRate(), s.learningRate(), "the default where not given");
        }

        Path out = dir.resolve("sweep");
        MainTest.Result r = run("experiment", "stability", "--dataset", "simulation", "--quick", "--seeds", "2",
                "--kl-warmup-epochs", "3", "--learning-rate", "0.003", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        String header = Files.readAllLines(out.resolve("stability.md")).stream()
                .filter(l -> l.contains("Training seeds 1..2")).findFirst().orElseThrow();
        for (String used : List.of("--kl-warmup-epochs 3 --learning-rate 0.003", "with the training options above",
                "at most 3 epochs", "Adam learning rate 0.003 with learning-rate warm-up "
                        + StabilityCommand.epochs(defaults.warmupEpochs()),
                "KL warm-up over 3 epochs", "gradient clipping at " + defaults.gradientClip() + " times",
                "regulariser <= epsilon auto")) {
            assertTrue(header.contains(used), () -> used + " in: " + header);
        }
    }

    @Test
    void badTrainingOptionsNameTheOption() {
        String out = dir.resolve("x").toString();
        assertEquals("error: --gradient-clip must be 0 (off) or a finite factor >= 1, got 0.5 (see 'cdgm experiment "
                + "stability --help')", run("experiment", "stability", "--gradient-clip", "0.5", "--out", out)
                .failure(2));
        assertEquals("error: --learning-rate must be in (0, 1), got 2.0 (see 'cdgm experiment stability --help')",
                run("experiment", "stability", "--learning-rate", "2", "--out", out).failure(2));
        assertEquals("error: --kl-warmup-epochs must be at least 0, got -1 (see 'cdgm experiment stability --help')",
                run("experiment", "stability", "--kl-warmup-epochs", "-1", "--out", out).failure(2));
        assertTrue(run("experiment", "stability", "--epsilon", "strict", "--out", out).failure(2)
                .contains("'strict' is not an epsilon: use auto or a number >= 0"));
        assertFalse(Files.exists(dir.resolve("x")), "nothing written on a usage error");
    }

    @Test
    void wrongUsageNamesTheOption() {
        String out = dir.resolve("x").toString();
        assertEquals("error: --seeds must be at least 2 (stability compares pairs of seeds), got 1 (see 'cdgm "
                + "experiment stability --help')", run("experiment", "stability", "--seeds", "1", "--out", out)
                .failure(2));
        assertTrue(run("experiment", "stability", "--seeds", "many", "--out", out).failure(2).contains("--seeds"));
        assertTrue(run("experiment", "stability", "--dataset", "mnist", "--out", out).failure(2)
                .contains("'mnist' is not a data set: use simulation, papalexi, papalexi-small or all"));
        assertTrue(run("experiment", "stability", "--mode", "joint", "--out", out).failure(2)
                .contains("'joint' is not a training mode: use classic, mo, co or mo+co"));
        assertEquals("error: --epochs must be at least 1, got 0 (see 'cdgm experiment stability --help')",
                run("experiment", "stability", "--epochs", "0", "--out", out).failure(2));
        assertTrue(run("experiment", "stability").failure(2).contains("--out"));
        assertTrue(run("experiment", "stability", "--out", out, "--bogus").failure(2).contains("--bogus"));
        assertTrue(run("experiment", "frobnicate").failure(2).contains("frobnicate"));
        assertFalse(Files.exists(dir.resolve("x")), "nothing written on a usage error");

        MainTest.Result none = run("experiment");
        assertEquals(Main.USAGE, none.status());
        assertEquals("", none.out());
        assertTrue(none.err().startsWith("error: no experiment given; the experiments are: stability"), none.err());
    }

    @Test
    void missingScreenFailsBeforeAnyFit() {
        String line = run("experiment", "stability", "--dataset", "all", "--quick", "--data",
                dir.resolve("nowhere").toString(), "--out", dir.resolve("x").toString()).failure(1);
        assertTrue(line.startsWith("error: no such file: ") && line.contains("papalexi2021_lowmoi")
                && line.contains("--data DIR"), line);
        assertFalse(Files.exists(dir.resolve("x")), "nothing written");
    }

    @Test
    void helpListsTheExperimentAndItsOptions() {
        MainTest.Result top = run("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("experiment"), top.out());
        MainTest.Result parent = run("experiment", "--help");
        assertEquals(0, parent.status());
        assertTrue(parent.out().contains("stability"), parent.out());
        MainTest.Result help = run("experiment", "stability", "--help");
        assertEquals(0, help.status());
        assertEquals("", help.err());
        for (String option : List.of("--dataset", "--seeds", "--mode", "--epochs", "--quick", "--epsilon",
                "--learning-rate", "--warmup-epochs", "--kl-warmup-epochs", "--gradient-clip", "--data", "--out",
                "fits.csv", "stability.csv", "stability.md")) {
            assertTrue(help.out().contains(option), option);
        }
    }
}
