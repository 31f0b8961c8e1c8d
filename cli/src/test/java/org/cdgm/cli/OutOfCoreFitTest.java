package org.cdgm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cdgm.engine.data.CsrRows;
import org.cdgm.engine.io.H5adCsrWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cdgm fit --memory-budget}: training from an .h5ad read a chunk at a time. */
class OutOfCoreFitTest {
    @TempDir
    Path dir;

    /** 121 cells x 12 genes of Poisson counts, conditions ctrl / target (3 genes up) / other, interleaved. */
    private Path h5ad() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 121;
        List<String> conditions = new ArrayList<>();
        int[] start = new int[n + 1];
        List<Integer> genes = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String c = i == 120 ? "other" : i % 2 == 0 ? "ctrl" : "target";
            conditions.add(c);
            for (int g = 0; g < 12; g++) {
                int v = PoissonCounts.draw(rng, 3 + (c.equals("target") && g < 3 ? 4 : 0));
                if (v > 0) {
                    genes.add(g);
                    values.add((float) v);
                }
            }
            start[i + 1] = genes.size();
        }
        float[] v = new float[values.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = values.get(k);
        }
        Path file = dir.resolve("cells.h5ad");
        H5adCsrWriter.write(file, new CsrRows(12, start, genes.stream().mapToInt(Integer::intValue).toArray(), v),
                IntStream.range(0, n).mapToObj(i -> "c" + i).toList(),
                IntStream.range(0, 12).mapToObj(g -> "g" + g).toList(), Map.of("condition", conditions));
        return file;
    }

    @Test
    void fitsFromDiskWithABudgetOfAFewChunks() throws IOException {
        Path out = dir.resolve("fit");
        MainTest.Result r = MainTest.run("fit", h5ad().toString(), "--condition-column", "condition",
                "--background", "ctrl", "--target", "target", "--memory-budget", "2k", "--chunk-cells", "16",
                "--shared-dim", "2", "--salient-dim", "2", "--epochs", "2", "--batch-size", "16", "--out",
                out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("epoch 2: target loss"), r.err());
        assertTrue(r.err().contains("warning: 1 of 121 cells left out"), r.err());
        List<String> embedding = Files.readAllLines(out.resolve("embedding.csv"));
        assertEquals(1 + 120, embedding.size());
        assertTrue(embedding.get(1).startsWith("c0,background,"), embedding.get(1));
        assertTrue(embedding.get(61).startsWith("c1,target,"), embedding.get(61));
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(60, s.get("background_cells").asInt());
        assertEquals(60, s.get("target_cells").asInt());
        assertEquals(1, s.get("cells_dropped").asInt());
        // the shuffle, and so the fit, depends on the chunks: the summary says how the cells were read
        assertEquals(2048, s.get("out_of_core").get("memory_budget_bytes").asLong(), s.toString());
        assertEquals(16, s.get("out_of_core").get("chunk_cells").asInt(), s.toString());
    }

    @Test
    void onlyFitReadsOutOfCoreAndChunksNeedABudget() throws IOException {
        String in = h5ad().toString();
        String out = dir.resolve("only-fit").toString();
        assertTrue(MainTest.run("fit", in, "--condition-column", "condition", "--background", "ctrl", "--out", out,
                "--chunk-cells", "100").failure(2).contains("--chunk-cells needs --memory-budget"));
        assertTrue(MainTest.run("inspect", in, "--memory-budget", "1m").failure(2)
                .contains("Unknown options: '--memory-budget', '1m'"));
        assertTrue(MainTest.run("genes", in, "--condition-column", "condition", "--background", "ctrl", "--out",
                out, "--memory-budget", "1m").failure(2).contains("Unknown options: '--memory-budget', '1m'"));
        assertFalse(Files.exists(Path.of(out)), "nothing written");
    }

    @Test
    void badSettingsAndInputsNameWhatIsWrong() throws IOException {
        String in = h5ad().toString();
        String out = dir.resolve("bad").toString();
        String[] base = {"fit", in, "--condition-column", "condition", "--background", "ctrl", "--out", out};
        assertTrue(MainTest.run(concat(base, "--memory-budget", "lots")).failure(2)
                .contains("--memory-budget must be a positive size such as 512m or 2g, got 'lots'"));
        String small = MainTest.run(concat(base, "--memory-budget", "100")).failure(2);
        assertTrue(small.contains("--memory-budget 100: The memory budget (0.1 KiB) is smaller than one chunk"),
                small);
        assertTrue(MainTest.run(concat(base, "--memory-budget", "1m", "--min-counts-per-cell", "5")).failure(2)
                .contains("--memory-budget uses the cells as stored"));
        String unknown = MainTest.run("fit", in, "--condition-column", "condition", "--background", "control",
                "--memory-budget", "1m", "--out", out).failure(1);
        assertTrue(unknown.contains("has a background value [control] in obs column 'condition'; its values "
                + "include: ctrl, target, other"), unknown);
        String noColumn = MainTest.run("fit", in, "--condition-column", "guide", "--background", "ctrl",
                "--memory-budget", "1m", "--out", out).failure(1);
        assertTrue(noColumn.contains("obs has no column 'guide'; its columns: condition"), noColumn);
        assertFalse(noColumn.contains("_index"), "anndata's index is not a column: " + noColumn);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
