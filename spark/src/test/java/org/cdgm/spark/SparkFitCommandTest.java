package org.cdgm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.CsrRows;
import org.cdgm.engine.io.H5adCsrWriter;
import org.cdgm.engine.io.H5adOutOfCore;
import org.cdgm.engine.io.ModelFile;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.engine.numeric.HostBuffer;
import org.cdgm.engine.training.TrainingSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link SparkFit}, the spark-submit main, end to end in Spark local[2] (the {@code spark.master} property, as
 * spark-submit sets it): the files it writes, their numbers against {@code cdgm fit --threads 1} on the same file,
 * the {@code --read-on-executors} path against the default one, and its refusals of bad input.
 */
class SparkFitCommandTest {
    private static final String[] SPARK_PROPERTIES = {"spark.master", "local[2]", "spark.ui.enabled", "false",
        "spark.driver.host", "127.0.0.1"};

    @TempDir
    static Path dir;
    private static Path input;
    /** The default read path's output folder, fitted once for the tests that need it. */
    private static Path defaultFit;

    @BeforeAll
    static void setUp() throws IOException {
        input = h5ad(dir.resolve("cells.h5ad"));
        for (int i = 0; i < SPARK_PROPERTIES.length; i += 2) {
            System.setProperty(SPARK_PROPERTIES[i], SPARK_PROPERTIES[i + 1]);
        }
    }

    @AfterAll
    static void tearDown() {
        for (int i = 0; i < SPARK_PROPERTIES.length; i += 2) {
            System.clearProperty(SPARK_PROPERTIES[i]);
        }
    }

    /**
     * 161 cells x 12 genes of Poisson counts (every cell with counts): conditions ctrl / target (genes 0-2 up) /
     * other (the last cell, left out by --target target), interleaved, so that each condition's rows are scattered over
     * the file.
     */
    private static Path h5ad(Path file) throws IOException {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 161;
        int g = 12;
        List<String> conditions = new ArrayList<>();
        int[] start = new int[n + 1];
        List<Integer> genes = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String c = i == n - 1 ? "other" : i % 2 == 0 ? "ctrl" : "target";
            conditions.add(c);
            for (int j = 0; j < g; j++) {
                int v = poisson(rng, 2 + (c.equals("target") && j < 3 ? 5 : 0));
                if (v > 0 || j == g - 1 && start[i] == genes.size()) { // a cell with no count gets one
                    genes.add(j);
                    values.add((float) Math.max(v, 1));
                }
            }
            start[i + 1] = genes.size();
        }
        float[] v = new float[values.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = values.get(k);
        }
        H5adCsrWriter.write(file, new CsrRows(g, start, genes.stream().mapToInt(Integer::intValue).toArray(), v),
                IntStream.range(0, n).mapToObj(i -> "cell" + i).toList(),
                IntStream.range(0, g).mapToObj(j -> "gene" + j).toList(), Map.of("condition", conditions));
        return file;
    }

    /** Knuth's Poisson draw (small means). */
    private static int poisson(SplittableRandom rng, double mean) {
        double limit = Math.exp(-mean);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }

    /** The input and fit options shared by every fit here (small network steps: 80 + 80 cells, batch 16). */
    private static List<String> fitArgs(String... more) {
        List<String> a = new ArrayList<>(List.of(input.toString(), "--condition-column", "condition", "--background",
                "ctrl", "--target", "target", "--mode", "co", "--shared-dim", "2", "--salient-dim", "2", "--epochs",
                "3", "--batch-size", "16", "--seed", "7"));
        a.addAll(List.of(more));
        return a;
    }

    record Result(int status, String out, String err) {
    }

    private static Result sparkFit(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SparkFit.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** SparkFit on the default read path, two partitions (once for all tests). */
    private static synchronized Path defaultFit() {
        if (defaultFit == null) {
            Path o = dir.resolve("spark-default");
            Result r = sparkFit(fitArgs("--partitions", "2", "--out", o.toString()));
            assertEquals(0, r.status(), r.err());
            defaultFit = o;
        }
        return defaultFit;
    }

    @Test
    void writesWhatCdgmFitWritesWithItsNumbersToRounding() throws IOException {
        Path spark = defaultFit();
        Path cli = dir.resolve("cli");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> cliArgs = new ArrayList<>(List.of("fit"));
        cliArgs.addAll(fitArgs("--threads", "1", "--out", cli.toString()));
        int status = org.cdgm.cli.Main.run(cliArgs.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));

        // model.cdgm reads back; same architecture and genes; the provenance says how it was trained
        TrainedModel a = ModelFile.load(cli.resolve("model.cdgm"));
        TrainedModel b = ModelFile.load(spark.resolve("model.cdgm"));
        assertEquals(a.config(), b.config());
        assertEquals(a.genes(), b.genes());
        assertEquals(80, b.provenance().backgroundCells());
        assertEquals("cells.h5ad", b.provenance().sourceFile());
        assertEquals("2", b.provenance().other().get(SparkFit.PROVENANCE_PARTITIONS));
        assertEquals("driver", b.provenance().other().get(SparkFit.PROVENANCE_CELLS_READ_ON));
        assertEquals(1, b.provenance().settingsAs(TrainingSettings.class).threads());
        assertEquals(a.provenance().trainingSettings(), b.provenance().trainingSettings());
        // two partitions add each step's gradients in two pieces: float32 rounding (measured: 6e-8 of the largest
        // parameter after 15 steps); a cell counted twice or dropped, or other noise, changes them in the second digit
        SparkFitTest.assertClose(HostBuffer.read(a.parameters()), HostBuffer.read(b.parameters()), 1e-4, "parameters");

        // history.csv: cdgm fit's header, one row per epoch, the same losses to rounding (seconds aside)
        List<String> ha = Files.readAllLines(cli.resolve("history.csv"));
        List<String> hb = Files.readAllLines(spark.resolve("history.csv"));
        assertEquals(ha.get(0), hb.get(0));
        assertTrue(hb.get(0).startsWith("epoch,train_background_loss,train_target_loss,"), hb.get(0));
        assertEquals(1 + 3, hb.size());
        for (int e = 1; e <= 3; e++) {
            SparkFitTest.assertClose(numbers(ha.get(e), 9), numbers(hb.get(e), 9), 1e-5, "history row " + e); // measured 3e-8
        }

        // embedding.csv: every kept cell in cdgm fit's order and columns, the same coordinates to rounding
        List<String> ea = Files.readAllLines(cli.resolve("embedding.csv"));
        List<String> eb = Files.readAllLines(spark.resolve("embedding.csv"));
        assertEquals("cell,condition,shared_1,shared_2,salient_1,salient_2", eb.get(0));
        assertEquals(1 + 160, eb.size());
        assertTrue(eb.get(1).startsWith("cell0,background,"), eb.get(1));
        assertTrue(eb.get(81).startsWith("cell1,target,"), eb.get(81));
        for (int i = 0; i < ea.size(); i++) {
            assertEquals(label(ea.get(i)), label(eb.get(i)), "row " + i);
        }
        SparkFitTest.assertClose(codes(ea), codes(eb), 1e-4, "embedding"); // measured 6e-7
        // and the executors' codes are the one-machine embedding of the Spark fit's own model
        SparkFitTest.assertClose(oneMachineEmbedding(b), codes(eb), 1e-6, "embedding of the same model"); // measured: equal

        JsonNode s = new ObjectMapper().readTree(spark.resolve("summary.json").toFile());
        JsonNode c = new ObjectMapper().readTree(cli.resolve("summary.json").toFile());
        for (String key : List.of("mode", "likelihood", "best_epoch", "epochs_trained", "background_cells",
                "target_cells", "cells_dropped", "genes", "seed", "shared_dim", "salient_dim", "constraint_satisfied")) {
            assertEquals(c.get(key), s.get(key), key);
        }
        assertEquals("co", s.get("mode").asText());
        assertEquals(1, s.get("cells_dropped").asInt());
        assertEquals(2, s.get("partitions").asInt());
        assertFalse(s.get("read_on_executors").asBoolean());
        assertEquals(c.get("warnings"), s.get("warnings")); // the cell left out, the constraint not met
        // every key of cdgm fit's summary (FitRecord), the settings used among them; how the cells were read is
        // out_of_core there, partitions and read_on_executors here
        c.fieldNames().forEachRemaining(key -> assertTrue(key.equals("out_of_core") || s.has(key),
                "summary.json lacks " + key + ": " + s));
        assertEquals(c.get("training"), s.get("training"));
    }

    /**
     * Each executor reads its rows of the file (BlockSource.H5adRange): with no filter to apply and fewer genes
     * than --top-genes, the driver's preparation keeps every gene and every background and target cell in file
     * order, so the partitions hold the same rows with the same values as on the default path, and everything else
     * (sampling, noise, the order of the sums) is the same: the same fit, to the bit.
     */
    @Test
    void readOnExecutorsGivesTheFitOfTheDefaultPath() throws IOException {
        Path base = defaultFit();
        Path o = dir.resolve("spark-executors");
        Result r = sparkFit(fitArgs("--partitions", "2", "--read-on-executors", "--out", o.toString()));
        assertEquals(0, r.status(), r.err());
        TrainedModel a = ModelFile.load(base.resolve("model.cdgm"));
        TrainedModel b = ModelFile.load(o.resolve("model.cdgm"));
        assertEquals(a.config(), b.config());
        assertArrayEquals(HostBuffer.read(a.parameters()), HostBuffer.read(b.parameters()));
        assertEquals("executors", b.provenance().other().get(SparkFit.PROVENANCE_CELLS_READ_ON));
        assertEquals(Files.readAllLines(base.resolve("embedding.csv")), Files.readAllLines(o.resolve("embedding.csv")));
        List<String> ha = Files.readAllLines(base.resolve("history.csv"));
        List<String> hb = Files.readAllLines(o.resolve("history.csv"));
        for (int e = 1; e < ha.size(); e++) {
            assertArrayEquals(numbers(ha.get(e), 9), numbers(hb.get(e), 9), "history row " + e);
        }
        JsonNode s = new ObjectMapper().readTree(o.resolve("summary.json").toFile());
        assertTrue(s.get("read_on_executors").asBoolean());
        assertEquals("nb", s.get("likelihood").asText()); // --likelihood auto, decided on the streamed values
        assertEquals(1, s.get("cells_dropped").asInt());
    }

    @Test
    void badInputIsOneErrorLineNamingTheFileOrOption() {
        Path out = dir.resolve("never-written");
        String missing = dir.resolve("missing.h5ad").toString();
        List<String> args = fitArgs("--out", out.toString());

        for (String extra : new String[] {null, "--read-on-executors"}) {
            List<String> a = new ArrayList<>(args);
            a.set(0, missing);
            if (extra != null) {
                a.add(extra);
            }
            assertTrue(failure(a, 1).contains(missing + " does not exist"));

            List<String> unknown = new ArrayList<>(args);
            unknown.set(unknown.indexOf("ctrl"), "control");
            if (extra != null) {
                unknown.add(extra);
            }
            String e = failure(unknown, 1);
            assertTrue(e.contains("control") && e.contains("condition") && e.contains("ctrl"), e);
        }
        String tooMany = failure(plus(args, "--partitions", "81"), 2);
        assertTrue(tooMany.contains("--partitions 81 is more than the 80 background cells") && tooMany.contains(
                "use at most 80"), tooMany);
        assertTrue(failure(plus(args, "--partitions", "0"), 2).contains("--partitions must be at least 1, got 0"));
        assertTrue(failure(plus(args, "--partitions", "many"), 2).contains("--partitions"));
        assertTrue(failure(plus(args, "--threads", "2"), 2).contains("--threads does not apply to a Spark fit"));
        assertTrue(failure(plus(args, "--read-on-executors", "--min-counts-per-cell", "3"), 2)
                .contains("--read-on-executors uses the cells as stored"));
        assertTrue(failure(plus(args, "--read-on-executors", "--top-genes", "5"), 2)
                .contains("has 12 genes: --top-genes 5 would select genes"));
        System.clearProperty("spark.master");
        try {
            assertTrue(failure(args, 2).contains("no Spark master: run it with spark-submit --master"));
        } finally {
            System.setProperty("spark.master", "local[2]");
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    /** TrainedModel.embed on this JVM of the file's ctrl, then target cells: embedding.csv's numbers in its order. */
    private static double[] oneMachineEmbedding(TrainedModel m) throws IOException {
        List<Double> out = new ArrayList<>();
        try (H5adOutOfCore h5 = H5adOutOfCore.open(input, null, "condition", Set.of("ctrl"), Set.of("target"), 64,
                1L << 20)) {
            for (CellSet set : List.of(h5.dataset().background(), h5.dataset().target())) {
                Embedding e = m.embed(set.matrix());
                for (int i = 0; i < set.cells(); i++) {
                    Arrays.stream(e.shared()[i]).forEach(out::add);
                    Arrays.stream(e.salient()[i]).forEach(out::add);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Runs SparkFit, expects {@code status} and one 'error: ' line on stderr (no stack trace); returns it. */
    private static String failure(List<String> args, int status) {
        Result r = sparkFit(args);
        assertEquals(status, r.status(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("error: "), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
        return lines.get(0);
    }

    private static List<String> plus(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    /** The first {@code n} numbers of a CSV row of numbers. */
    private static double[] numbers(String row, int n) {
        return Arrays.stream(row.split(",")).limit(n).mapToDouble(Double::parseDouble).toArray();
    }

    /** cell and condition of an embedding row. */
    private static String label(String row) {
        String[] f = row.split(",");
        return f[0] + "," + f[1];
    }

    /** Every coordinate of an embedding file, row by row. */
    private static double[] codes(List<String> rows) {
        return rows.stream().skip(1).flatMapToDouble(r -> Arrays.stream(r.split(",")).skip(2)
                .mapToDouble(Double::parseDouble)).toArray();
    }
}
