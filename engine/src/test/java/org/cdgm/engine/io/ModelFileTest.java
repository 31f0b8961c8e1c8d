package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.ContrastiveVae;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.Precision;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.model.TrainedModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;
    private TrainedModel model;
    private Path file;

    @BeforeEach
    void saveOne() throws Exception {
        ModelConfig c = new ModelConfig(4, 2, 3, 8, 1, 2, Activation.LEAKY_RELU, Likelihood.NEGATIVE_BINOMIAL,
                PriorKind.MIXTURE_OF_GAUSSIANS, 3, Precision.FLOAT64);
        model = new TrainedModel(c, new ContrastiveVae(c).initialParameters(5), List.of("JAK2", "STAT1", "IRF1", "ünï"),
                Map.of("seed", "5", "note", "a\nb"));
        file = dir.resolve("m.cdgm");
        ModelFile.save(model, file);
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        TrainedModel back = ModelFile.load(file);
        assertEquals(model.config(), back.config());
        assertEquals(model.genes(), back.genes());
        assertEquals(model.provenance(), back.provenance());
        assertEquals(model.parameters(), back.parameters());
        DenseCellMatrix cells = DenseCellMatrix.of(new double[][] {{1, 0, 4, 2}, {0, 3, 1, 1}});
        Embedding a = model.embed(cells);
        Embedding b = back.embed(cells);
        assertArrayEquals(a.salient()[1], b.salient()[1], 0);
    }

    @Test
    void streamRoundTripMatchesTheFileAndLeavesTheStreamOpen() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ModelFile.write(model, bytes);
        assertArrayEquals(Files.readAllBytes(file), bytes.toByteArray(), "stream and file formats must be one");
        TrainedModel back = ModelFile.read(new java.io.ByteArrayInputStream(bytes.toByteArray()), "port 'model'");
        assertEquals(model.parameters(), back.parameters());
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), 30);
        assertMentions(assertThrows(ModelFileException.class,
                () -> ModelFile.read(new java.io.ByteArrayInputStream(cut), "port 'model'")), "port 'model'",
                "is truncated");
    }

    private ModelFileException loadFails(byte[] content) throws Exception {
        Path f = dir.resolve("bad.cdgm");
        Files.write(f, content);
        return assertThrows(ModelFileException.class, () -> ModelFile.load(f));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void foreignFileIsNamedAsSuch() throws Exception {
        assertMentions(loadFails("gene,cell\nA,1\n".getBytes()), "bad.cdgm", "is not a cdgm model file");
        assertMentions(loadFails(new byte[0]), "is not a cdgm model file");
    }

    @Test
    void truncatedFileIsReported() throws Exception {
        byte[] all = Files.readAllBytes(file);
        for (int cut : new int[] {ModelFile.SIGNATURE.length + 2, all.length / 2, all.length - 3}) {
            assertMentions(loadFails(Arrays.copyOf(all, cut)), "is truncated");
        }
    }

    @Test
    void flippedByteIsCaughtByTheChecksum() throws Exception {
        byte[] all = Files.readAllBytes(file);
        all[all.length - 40] ^= 0x10; // inside the parameters
        assertMentions(loadFails(all), "is corrupt", "checksum");
    }

    @Test
    void newerFormatAsksForAnUpdate() throws Exception {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer.wrap(all, ModelFile.SIGNATURE.length, 4).putInt(ModelFile.FORMAT_VERSION + 1);
        assertMentions(loadFails(all), "model format 2", "update the cdgm extension");
    }

    @Test
    void missingFileIsNamed() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(dir.resolve("none")));
        assertMentions(e, "does not exist");
    }

    @Test
    void embeddingCellsWithOtherGenesIsRefused() {
        var e = assertThrows(org.cdgm.engine.data.InvalidInputException.class,
                () -> model.embed(DenseCellMatrix.of(new double[][] {{1, 2, 3}})));
        assertMentions(e, "4 genes", "have 3");
    }
}
