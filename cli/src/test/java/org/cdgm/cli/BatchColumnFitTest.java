package org.cdgm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.io.ModelFile;
import org.cdgm.engine.model.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code cdgm fit --batch-column}: the replicate as a covariate of the fit, and each bad input's message. */
class BatchColumnFitTest {
    @TempDir
    Path dir;

    /**
     * 40 background and 40 target cells x 8 genes of Poisson counts; replicate r1 or r2 (r2 with more of gene 8),
     * and a column 'lane' that is L1 for every cell; cell c80 has no replicate.
     */
    private Path counts() throws IOException {
        SplittableRandom rng = new SplittableRandom(9);
        StringBuilder csv = new StringBuilder("cell,condition,replicate,lane");
        for (int g = 1; g <= 8; g++) {
            csv.append(",G").append(g);
        }
        csv.append('\n');
        for (int i = 0; i < 81; i++) {
            String condition = i < 40 || i == 80 ? "ctrl" : "ko";
            String replicate = i == 80 ? "" : i % 2 == 0 ? "r1" : "r2";
            csv.append("c").append(i).append(',').append(condition).append(',').append(replicate).append(",L1");
            for (int g = 1; g <= 8; g++) {
                double mean = 3 + (condition.equals("ko") && g <= 2 ? 4 : 0) + (replicate.equals("r2") && g == 8 ? 3 : 0);
                csv.append(',').append(PoissonCounts.draw(rng, mean));
            }
            csv.append('\n');
        }
        Path file = dir.resolve("cells.csv");
        Files.writeString(file, csv);
        return file;
    }


    private MainTest.Result fit(Path out, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("fit", counts().toString(), "--condition-column",
                "condition", "--background", "ctrl", "--shared-dim", "2", "--salient-dim", "2", "--epochs", "2",
                "--batch-size", "32", "--out", out.toString()));
        args.addAll(List.of(more));
        return MainTest.run(args.toArray(String[]::new));
    }

    @Test
    void theReplicateBecomesACovariateOfTheModelAndTheSummary() throws Exception {
        Path out = dir.resolve("fit");
        MainTest.Result r = fit(out, "--batch-column", "replicate");
        assertEquals(0, r.status(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("replicate", s.get("batch_column").asText());
        assertEquals("[\"r1\",\"r2\"]", s.get("batch_levels").toString());
        assertEquals(80, s.get("background_cells").asInt() + s.get("target_cells").asInt());
        assertTrue(s.get("warnings").toString().contains("1 cell has no value in the batch column 'replicate' "
                + "(missing) and was left out"), s.get("warnings").toString());
        TrainedModel m = ModelFile.load(out.resolve("model.cdgm"));
        assertEquals("replicate", m.batch().column());
        assertEquals(List.of("r1", "r2"), m.batch().levels());
        assertEquals(81, Files.readAllLines(out.resolve("embedding.csv")).size());
    }

    @Test
    void severalSeedsCompareTheirSpacesWithTheCovariate() throws Exception {
        Path out = dir.resolve("seeds");
        MainTest.Result r = fit(out, "--batch-column", "replicate", "--seeds", "2");
        assertEquals(0, r.status(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.get("salient_stability").isNumber(), s.toString());
        assertEquals(81, Files.readAllLines(out.resolve("seeds/seed-43/embedding.csv")).size());
    }

    @Test
    void withoutABatchColumnTheSummarySaysSo() throws Exception {
        Path out = dir.resolve("plain");
        assertEquals(0, fit(out).status());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.get("batch_column").isNull());
        assertEquals(0, s.get("batch_levels").size());
        assertEquals(null, ModelFile.load(out.resolve("model.cdgm")).batch());
    }

    @Test
    void badBatchColumnsAreNamed() throws Exception {
        assertEquals("error: The batch column 'bio_rep' is not a cell metadata column; available: condition, "
                + "replicate, lane", fit(dir.resolve("a"), "--batch-column", "bio_rep").failure(1));
        assertEquals("error: The batch column lane has one level (L1) among the kept cells: a covariate needs at "
                + "least two; leave it out", fit(dir.resolve("b"), "--batch-column", "lane").failure(1));
        String same = fit(dir.resolve("c"), "--batch-column", "condition").failure(2);
        assertTrue(same.startsWith("error: The batch column condition is the condition column"), same);
    }

    @Test
    void helpExplainsTheOptionForABiologist() {
        MainTest.Result r = MainTest.run("fit", "--help");
        assertEquals(0, r.status(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--batch-column=COL"), help);
        assertTrue(help.contains("which batch or replicate each cell comes from"), help);
        assertTrue(help.contains("batch_column and batch_levels"), help);
    }
}
