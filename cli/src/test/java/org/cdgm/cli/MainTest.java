package org.cdgm.cli;

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
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class MainTest {
    private static final List<String> KEYS = List.of("cells", "genes", "gene_names", "cell_names", "total",
            "first_cell_values", "metadata", "background", "target", "dropped", "warnings");

    @TempDir
    Path dir;

    /** What one run of the command line printed and returned (shared by the commands' tests). */
    public record Result(int status, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }

        /** Exit status {@code status}, nothing on stdout, one {@code error:} line on stderr; that line. */
        public String failure(int expected) {
            assertEquals(expected, status, () -> "exit status; stderr: " + err);
            assertEquals("", out, "nothing on stdout");
            List<String> lines = err.lines().toList();
            assertEquals(1, lines.size(), () -> "one line on stderr, got: " + err);
            assertTrue(lines.get(0).startsWith("error: "), lines.get(0));
            return lines.get(0);
        }
    }

    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** 3 genes x 4 cells, 12 counts; cell C1 has G1=2, G2=1, G3=0. */
    private Path tenX() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("tenx"));
        Files.writeString(folder.resolve("matrix.mtx"), """
                %%MatrixMarket matrix coordinate integer general
                %
                3 4 6
                1 1 2
                2 1 1
                3 2 5
                1 3 1
                2 4 2
                3 4 1
                """);
        Files.writeString(folder.resolve("features.tsv"), """
                ENSG01\tG1\tGene Expression
                ENSG02\tG2\tGene Expression
                ENSG03\tG3\tGene Expression
                """);
        Files.writeString(folder.resolve("barcodes.tsv"), "C1\nC2\nC3\nC4\n");
        return folder;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private Path metadata(String text) throws IOException {
        return Files.writeString(dir.resolve("cells.csv"), text);
    }

    @Test
    void jsonHasTheKeysInOrderAndWholeCountsAsIntegers() throws IOException {
        Result r = run("inspect", tenX().toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        JsonNode json = r.json();
        assertEquals(KEYS, fieldNames(json));
        assertEquals(4, json.get("cells").intValue());
        assertEquals(3, json.get("genes").intValue());
        assertEquals("[\"G1\",\"G2\",\"G3\"]", json.get("gene_names").toString());
        assertEquals("[\"C1\",\"C2\",\"C3\",\"C4\"]", json.get("cell_names").toString());
        assertTrue(json.get("total").isIntegralNumber(), "total printed as an integer: " + r.out());
        assertEquals(12, json.get("total").longValue());
        assertTrue(r.out().contains("\"total\": 12,"), r.out());
        assertEquals("[2,1,0]", json.get("first_cell_values").toString());
        assertTrue(json.get("metadata").isObject() && json.get("metadata").isEmpty(), r.out());
        assertTrue(json.get("background").isNull());
        assertTrue(json.get("target").isNull());
        assertEquals(0, json.get("dropped").intValue());
        assertTrue(json.get("warnings").isArray());
        assertTrue(r.out().strip().startsWith("{") && r.out().strip().endsWith("}"), "one JSON object");
    }

    @Test
    void decimalsStayDecimals() {
        assertEquals("3.5", InspectCommand.number(3.5).toString());
        assertEquals("12", InspectCommand.number(12.0).toString());
        assertEquals("0", InspectCommand.number(-0.0).toString());
    }

    @Test
    void conditionColumnCountsBackgroundAndTarget() throws IOException {
        Path meta = metadata("""
                barcode,condition,replicate,score
                C1,ctrl,1,0.5
                C2,ctrl,1,1.5
                C3,ko,2,2
                C4,ko,2,3
                """);
        Result r = run("inspect", tenX().toString(), "--metadata", meta.toString(), "--metadata-id-column",
                "barcode", "--condition-column", "condition", "--background", "ctrl");
        assertEquals(0, r.status(), r.err());
        JsonNode json = r.json();
        assertEquals(2, json.get("background").intValue());
        assertEquals(2, json.get("target").intValue());
        assertEquals(0, json.get("dropped").intValue());
        assertEquals(4, json.get("cells").intValue());
        assertEquals(12, json.get("total").longValue());
        assertEquals(List.of("condition", "replicate", "score"), fieldNames(json.get("metadata")));
        assertEquals("string", json.get("metadata").get("condition").asText());
    }

    @Test
    void explicitTargetValuesAndFilters() throws IOException {
        Path meta = metadata("""
                barcode,condition
                C1,ctrl
                C2,ko
                C3,other
                C4,ko
                """);
        Result r = run("inspect", tenX().toString(), "--metadata", meta.toString(), "--condition-column",
                "condition", "--background", "ctrl", "--target", "ko,unused", "--min-counts-per-cell", "1");
        assertEquals(0, r.status(), r.err());
        JsonNode json = r.json();
        assertEquals(1, json.get("background").intValue());
        assertEquals(2, json.get("target").intValue());
        assertEquals(1, json.get("dropped").intValue(), "C3 is on neither side");
        assertEquals(3, json.get("cells").intValue());
        assertEquals(11, json.get("total").longValue(), "12 counts less C3's 1");
        assertFalse(json.get("warnings").isEmpty(), "the left-out cell is reported: " + r.out());
    }

    @Test
    void helpExitsZero() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"inspect", "--help"}, {"inspect", "-h"}}) {
            Result r = run(args);
            assertEquals(0, r.status(), String.join(" ", args));
            assertEquals("", r.err());
            assertTrue(r.out().contains("Usage:"), r.out());
        }
        assertTrue(run("--help").out().contains("inspect"), "the top-level help lists the command");
        String help = run("inspect", "--help").out();
        for (String option : List.of("--format", "--layer", "--metadata", "--metadata-id-column", "--feature-types",
                "--delimiter", "--decimal", "--genes-as-rows", "--id-column", "--condition-column", "--background",
                "--target", "--min-cells-per-gene", "--min-counts-per-cell", "--top-genes", "INPUT")) {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    void noCommandIsAUsageError() {
        Result r = run();
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("Usage:"), r.err());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() throws IOException {
        String in = tenX().toString();
        assertTrue(run("inspect", in, "--bogus").failure(2).contains("--bogus"));
        assertTrue(run("frobnicate").failure(2).contains("frobnicate"));
        run("inspect").failure(2); // no INPUT
        run("inspect", in, "--format").failure(2); // missing value
        assertTrue(run("inspect", in, "--format", "xlsx").failure(2).contains("xlsx"));
        assertTrue(run("inspect", in, "--top-genes", "many").failure(2).contains("--top-genes"));
        assertTrue(run("inspect", in, "--min-cells-per-gene", "-1").failure(2).contains("--min-cells-per-gene"));
        assertTrue(run("inspect", in, "--background", "ctrl").failure(2).contains("--condition-column"));
        assertTrue(run("inspect", in, "--target", "ko").failure(2).contains("--condition-column"));
        assertTrue(run("inspect", in, "--condition-column", "condition").failure(2).contains("--background"));
        run("inspect", in, "--condition-column", "c", "--background", "a", "--target", "a").failure(2);
        assertTrue(run("inspect", in, "--delimiter", "pipe").failure(2).contains("pipe"));
        run("inspect", in, "--decimal", ";").failure(2);
        run("inspect", in, "--decimal", ",", "--delimiter", ",").failure(2);
        run("inspect", in, "--genes-as-rows", "extra-argument").failure(2);
    }

    @Test
    void failuresAreDescribedOnOneLine() {
        assertEquals("bad row 3 of x.csv: expected 4 fields",
                Main.describe(new org.cdgm.engine.io.DataFileException("bad row 3 of x.csv:\n  expected 4 fields\n")));
        assertEquals("unexpected NullPointerException", Main.describe(new NullPointerException()));
        assertEquals("unexpected IllegalStateException: a b", Main.describe(new IllegalStateException("a\r\nb")));
        assertEquals("no such file: /x", Main.describe(new java.nio.file.NoSuchFileException("/x")));
        assertEquals("Training diverged at epoch 1, step 2: try 0.001.", Main.describe(
                new org.cdgm.engine.training.TrainingDivergedException("Training diverged at epoch 1, step 2: try 0.001.")),
                "a diverged fit is an ordinary failure with the engine's advice, not an 'unexpected' crash");
    }

    @Test
    void delimiterWords() {
        ReadOptions.DelimiterConverter c = new ReadOptions.DelimiterConverter();
        assertEquals((char) 0, c.convert("auto"));
        assertEquals(',', c.convert(","));
        assertEquals(';', c.convert(";"));
        assertEquals('\t', c.convert("tab"));
        assertEquals('\t', c.convert("\t"));
    }

    @Test
    void missingFileExitsOneNamingIt() {
        Path missing = dir.resolve("no-such-matrix.h5ad");
        String line = run("inspect", missing.toString()).failure(1);
        assertTrue(line.contains("no-such-matrix.h5ad"), line);
    }

    @Test
    void badDataExitsOne() throws IOException {
        Path folder = tenX();
        Files.writeString(folder.resolve("barcodes.tsv"), "C1\nC2\n"); // 4 cells in the matrix
        run("inspect", folder.toString()).failure(1);
        Path meta = metadata("barcode,condition\nC1,ctrl\nC2,ko\nC3,ko\nC4,ko\n");
        String line = run("inspect", tenX().toString(), "--metadata", meta.toString(), "--condition-column",
                "treatment", "--background", "ctrl").failure(1);
        assertTrue(line.contains("treatment"), line);
    }

    @Test
    void csvWithOptions() throws IOException {
        Path csv = Files.writeString(dir.resolve("genes.csv"), """
                gene;c1;c2
                A;1,5;0
                B;2;3
                """);
        Result r = run("inspect", csv.toString(), "--genes-as-rows", "--delimiter", ";", "--decimal", ",",
                "--id-column", "gene");
        assertEquals(0, r.status(), r.err());
        JsonNode json = r.json();
        assertEquals(2, json.get("cells").intValue());
        assertEquals("[\"A\",\"B\"]", json.get("gene_names").toString());
        assertEquals("[1.5,2]", json.get("first_cell_values").toString());
        assertEquals("6.5", json.get("total").toString());
    }

    @Test
    void papalexiScreen() throws IOException {
        Path data = SharedData.root().resolve("papalexi2021_lowmoi");
        Result plain = run("inspect", data.toString());
        assertEquals(0, plain.status(), plain.err());
        assertEquals(20729, plain.json().get("cells").intValue());
        assertEquals(299, plain.json().get("genes").intValue());

        Result split = run("inspect", data.toString(), "--metadata", data.resolve("cell_metadata.csv").toString(),
                "--metadata-id-column", "barcode", "--condition-column", "condition", "--background", "background");
        assertEquals(0, split.status(), split.err());
        JsonNode json = split.json();
        assertEquals(20729, json.get("cells").intValue());
        assertEquals(299, json.get("genes").intValue());
        assertEquals(2386, json.get("background").intValue());
        assertEquals(18343, json.get("target").intValue());
        assertEquals(0, json.get("dropped").intValue());
        assertEquals(plain.json().get("total"), json.get("total"));
    }
}
