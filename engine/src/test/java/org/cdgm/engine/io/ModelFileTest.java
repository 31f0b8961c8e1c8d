package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.numeric.HostBuffer;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.ModelProvenance;
import org.cdgm.engine.model.parameters.ParamRef;
import org.cdgm.engine.model.Precision;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    /** Written by the format-1 code (before format 2) from a 2-epoch fit of the settings in {@link #FIXTURE_FIT}. */
    private static final String FORMAT_1_FIXTURE = "format1-model.cdgm";
    private static final TrainingSettings FIXTURE_FIT = TrainingSettings.defaults(
            TrainingMode.MULTI_OBJECTIVE_CONSTRAINED).withEpochs(2).withBatchSize(16).withEarlyStopping(0.1, 0);
    private static final ModelConfig FIXTURE_MODEL = ModelConfig.defaults(5, Likelihood.GAUSSIAN).withNetwork(4, 1,
            1, Activation.RELU);

    @TempDir
    Path dir;
    private TrainedModel model;
    private Path file;

    @BeforeEach
    void saveOne() throws Exception {
        ModelConfig c = new ModelConfig(4, 2, 3, 8, 1, 2, Activation.LEAKY_RELU, Likelihood.NEGATIVE_BINOMIAL,
                PriorKind.MIXTURE_OF_GAUSSIANS, 3, Precision.FLOAT64);
        List<String> genes = List.of("JAK2", "STAT1", "IRF1", "ünï");
        model = new TrainedModel(c, new ContrastiveVae(c).initialParameters(5), genes,
                ModelProvenance.unknown(genes).withSourceFile("cells\nwith a newline.h5ad"));
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
        byte[] bytes = bytes(model);
        assertArrayEquals(Files.readAllBytes(file), bytes, "stream and file formats must be one");
        TrainedModel back = ModelFile.read(new ByteArrayInputStream(bytes), "port 'model'");
        assertEquals(model.parameters(), back.parameters());
        byte[] cut = Arrays.copyOf(bytes, 30);
        assertMentions(assertThrows(ModelFileException.class,
                () -> ModelFile.read(new ByteArrayInputStream(cut), "port 'model'")), "port 'model'",
                "is truncated");
    }

    @Test
    void format1FixtureLoadsWithItsSettingsAndValues() throws Exception {
        Path old = dir.resolve(FORMAT_1_FIXTURE);
        try (InputStream in = ModelFileTest.class.getResourceAsStream(FORMAT_1_FIXTURE)) {
            Files.copy(in, old);
        }
        TrainedModel m = ModelFile.load(old);
        assertEquals(FIXTURE_MODEL, m.config());
        assertEquals(List.of("gene_1", "gene_2", "gene_3", "gene_4", "gene_5"), m.genes());
        double[] p = HostBuffer.read(m.parameters());
        assertEquals(178, p.length);
        assertEquals(-0.3015052378177643, p[0], 0);
        assertEquals(-0.017229324206709862, p[177], 0);
        Embedding e = m.embed(DenseCellMatrix.of(new double[][] {{1, 0, 2, 0.5, 3}}));
        assertArrayEquals(new double[] {1.1609104871749878, 2.946122884750366}, e.shared()[0], 1e-5);
        assertArrayEquals(new double[] {1.615313172340393, 5.977043151855469}, e.salient()[0], 1e-5);
        ModelProvenance prov = m.provenance();
        assertEquals(Instant.parse("2026-11-29T21:35:05.485557398Z"), prov.created());
        assertEquals(FIXTURE_FIT, prov.settingsAs(TrainingSettings.class), "format-1 settings text loads back");
        assertEquals(FIXTURE_MODEL, prov.config());
        assertEquals(40, prov.backgroundCells());
        assertEquals(40, prov.targetCells());
        assertEquals(2, prov.epochsRun());
        assertEquals("dev", prov.engineVersion());
        assertEquals("", prov.nd4jVersion(), "format 1 did not record versions");
        assertEquals(ModelProvenance.geneListSha256(m.genes()), prov.geneListSha256());
        assertTrue(prov.constraint().startsWith("not met"), prov.constraint());

        // the KNIME port reads the same bytes from a zip entry, a stream of unknown length
        try (InputStream in = ModelFileTest.class.getResourceAsStream(FORMAT_1_FIXTURE)) {
            TrainedModel fromPort = ModelFile.read(in, "the saved contrastive model");
            assertEquals(m.parameters(), fromPort.parameters());
            assertEquals(prov, fromPort.provenance());
        }

        // saved again, it is a format-2 file with the same content
        Path again = dir.resolve("again.cdgm");
        ModelFile.save(m, again);
        assertEquals(2, ByteBuffer.wrap(Files.readAllBytes(again), ModelFile.SIGNATURE.length, 4).getInt());
        TrainedModel back = ModelFile.load(again);
        assertEquals(m.parameters(), back.parameters());
        assertEquals(prov.withCreated(Instant.ofEpochMilli(prov.created().toEpochMilli())), back.provenance());
    }

    /**
     * Written by the format-2 code (before batch covariates) from a 2-epoch NB fit: 40 + 40 simulated cells, 5
     * genes, {@code FIXTURE_FIT} with the network of {@code FIXTURE_MODEL}.
     */
    private static final String FORMAT_2_FIXTURE = "format2-model.cdgm";

    @Test
    void format2FixtureLoadsAndSavesToTheSameBytes() throws Exception {
        byte[] original;
        try (InputStream in = ModelFileTest.class.getResourceAsStream(FORMAT_2_FIXTURE)) {
            original = in.readAllBytes();
        }
        TrainedModel m = ModelFile.read(new ByteArrayInputStream(original), FORMAT_2_FIXTURE);
        assertEquals(ModelConfig.defaults(5, Likelihood.NEGATIVE_BINOMIAL).withNetwork(4, 1, 1, Activation.RELU),
                m.config());
        assertEquals(0, m.config().batchLevels());
        assertNull(m.batch());
        assertEquals(m.config(), m.provenance().config());
        double[] p = HostBuffer.read(m.parameters());
        assertEquals(178, p.length);
        assertEquals(-0.3433302044868469, p[0], 0);
        assertEquals(0.04997207224369049, p[177], 0);
        Embedding e = m.embed(DenseCellMatrix.of(new double[][] {{1, 0, 2, 5, 3}}));
        assertArrayEquals(new double[] {0.6171044111251831, 1.8840876817703247}, e.shared()[0], 1e-5);
        assertArrayEquals(new double[] {0.7028379440307617, 3.173693895339966}, e.salient()[0], 1e-5);
        // a model without covariate is still written in format 2, byte for byte: older cdgm versions read it
        assertArrayEquals(original, bytes(m));
        assertFalse(m.provenance().entries(true).containsKey("model.batchLevels"));
    }

    @Test
    void aModelWithABatchCovariateRoundTripsInFormat3() throws Exception {
        ModelConfig c = model.config().withBatchLevels(3);
        BatchCovariate reps = new BatchCovariate("bio_rep", List.of("rep1", "rep2", "rëp3"));
        TrainedModel withBatch = new TrainedModel(c, new ContrastiveVae(c).initialParameters(5), model.genes(), reps,
                ModelProvenance.unknown(model.genes()));
        byte[] saved = bytes(withBatch);
        assertEquals(3, ByteBuffer.wrap(saved, ModelFile.SIGNATURE.length, 4).getInt());
        TrainedModel back = ModelFile.read(new ByteArrayInputStream(saved), "m");
        assertEquals(reps, back.batch());
        assertEquals(c, back.config());
        assertEquals(withBatch.parameters(), back.parameters());
        assertEquals(withBatch.provenance(), back.provenance());
        assertArrayEquals(saved, bytes(back), "saving is deterministic");
        DenseCellMatrix cells = DenseCellMatrix.of(new double[][] {{1, 0, 2, 5}});
        assertArrayEquals(withBatch.embed(cells, new int[] {2}).salient()[0], back.embed(cells, new int[] {2})
                .salient()[0], 0);
        Path f = dir.resolve("batch.cdgm");
        ModelFile.save(withBatch, f);
        assertEquals(reps, ModelFile.load(f).batch());
    }

    @Test
    void twoIdenticalFitsGiveIdenticalBytesApartFromTheCreationTime() throws Exception {
        SimulatedData sim = Simulator.simulate(SimulationSettings.defaults().withSize(40, 40, 5));
        TrainedModel a = new Trainer(FIXTURE_MODEL, FIXTURE_FIT).fit(sim.dataset(), TrainingMonitor.NONE).model();
        Thread.sleep(5); // a later creation time
        TrainedModel b = new Trainer(FIXTURE_MODEL, FIXTURE_FIT).fit(sim.dataset(), TrainingMonitor.NONE).model();
        byte[] x = bytes(a);
        byte[] y = bytes(b);
        assertEquals(x.length, y.length);
        assertNotEquals(a.provenance().created(), b.provenance().created());
        for (int i = 0; i < x.length; i++) {
            if (i < ModelFile.CREATED_OFFSET || i >= ModelFile.CREATED_OFFSET + 8) {
                assertEquals(x[i], y[i], "byte " + i + " differs");
            }
        }
        Instant when = Instant.parse("2026-01-01T00:00:00Z");
        assertArrayEquals(bytes(a.withProvenance(a.provenance().withCreated(when))),
                bytes(b.withProvenance(b.provenance().withCreated(when))));

        ModelProvenance p = ModelFile.read(new ByteArrayInputStream(x), "a").provenance();
        // automatic threads are stored as the count the fit ran on: 1 for this small data on any machine
        assertEquals(FIXTURE_FIT.withThreads(1), p.settingsAs(TrainingSettings.class));
        assertEquals(FIXTURE_MODEL, p.config());
        assertEquals(ModelProvenance.geneListSha256(sim.dataset().genes()), p.geneListSha256());
        assertEquals(40, p.backgroundCells());
        for (String version : new String[] {p.engineVersion(), p.nd4jVersion(), p.javaVersion(), p.os()}) {
            assertFalse(version.isEmpty() || version.equals("unknown"), p.entries(true).toString());
        }
        assertEquals(System.getProperty("java.version"), p.javaVersion());
    }

    @Test
    void sourceFileIsRecordedWhenTheCallerSetsIt() throws Exception {
        TrainedModel named = model.withSource("pbmc.h5ad");
        ModelFile.save(named, file);
        assertEquals("pbmc.h5ad", ModelFile.load(file).provenance().sourceFile());
    }

    @Test
    void aLayoutThisCdgmDoesNotBuildIsRefused() throws Exception {
        byte[] all = Files.readAllBytes(file);
        ParamRef first = model.module().layout().refs().get(0);
        byte[] name = first.name().getBytes(StandardCharsets.UTF_8);
        int at = layoutEntry(all, name);
        ByteBuffer.wrap(all, at + 4 + name.length, 8).putLong(first.rows() + 1); // same name, one more row
        assertMentions(loadFails(all), "bad.cdgm", "another parameter layout", "array 1 is '" + first.name() + "' "
                + (first.rows() + 1) + " x " + first.cols() + " in the file", first.rows() + " x " + first.cols()
                + " here");
    }

    @Test
    void implausibleCountsAreRefusedBeforeAnyAllocation() throws Exception {
        byte[] all = Files.readAllBytes(file);
        long n = model.module().layout().totalLength();
        int countAt = (int) (all.length - 8 - 8 * n - 4);
        assertEquals(n, ByteBuffer.wrap(all, countAt, 4).getInt(), "the parameter count sits before the values");
        ByteBuffer.wrap(all, countAt, 4).putInt(487_000_000); // 3.9 GB of doubles
        assertMentions(loadFails(all), "bad.cdgm", "implausible number of parameters (487000000)", "bytes left");
        // a stream's length is unknown: the count must equal what the configuration needs
        assertMentions(assertThrows(ModelFileException.class, () -> ModelFile.read(new ByteArrayInputStream(all),
                "port")), "port is corrupt", "487000000 parameters", "needs " + n);

        byte[] genes = Files.readAllBytes(file);
        int geneCountAt = layoutEntry(genes, "JAK2".getBytes(StandardCharsets.UTF_8)) - 4;
        ByteBuffer.wrap(genes, geneCountAt, 4).putInt(Integer.MAX_VALUE);
        assertMentions(loadFails(genes), "implausible number of gene names (2147483647)");
    }

    @Test
    void aDirectoryIsNamedAsSuchForLoadAndSave() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("models"));
        assertMentions(assertThrows(ModelFileException.class, () -> ModelFile.load(folder)),
                folder + " is a directory, not a model file");
        assertMentions(assertThrows(ModelFileException.class, () -> ModelFile.save(model, folder)),
                folder + " is a directory, not a model file");
    }

    @Test
    void aReadOnlyFolderIsRefusedNamingTheTargetAndLeavesNoTemporaryFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("locked"));
        Path target = folder.resolve("m.cdgm");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(folder), "root writes into read-only folders; see the next test");
            IOException e = assertThrows(IOException.class, () -> ModelFile.save(model, target));
            assertMentions(e, "Cannot write " + target, "permission denied");
            assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
            assertEquals(List.of(), list(folder));
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aDeniedTemporaryFileIsReportedAsTheTarget() {
        Path target = dir.resolve("m.cdgm");
        IOException e = AtomicFiles.explain(target, new AccessDeniedException(dir.resolve(".m.cdgm.1234.tmp")
                .toString()));
        assertMentions(e, "Cannot write " + target, "permission denied", "the folder " + dir);
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
    }

    @Test
    void failedSavesLeaveNoTemporaryFile() throws Exception {
        Path target = dir.resolve("fresh");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.writeBytes(target.resolve("x.cdgm"), out -> {
            out.write(1);
            throw new IllegalStateException("writer failed");
        }));
        assertEquals(List.of(), list(target));
        // the move fails: a non-empty directory stands where the file should go
        Path occupied = Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(occupied.resolve("inside"), "x");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeBytes(occupied, out -> out.write(1)));
        assertMentions(e, "Cannot write " + occupied, "is a directory");
        assertTrue(list(dir).stream().noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), list(dir)
                .toString());
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "root reads every file");
        assertMentions(assertThrows(ModelFileException.class, () -> ModelFile.load(file)), file
                + " cannot be read: permission denied");
    }

    private ModelFileException loadFails(byte[] content) throws Exception {
        Path f = dir.resolve("bad.cdgm");
        Files.write(f, content);
        return assertThrows(ModelFileException.class, () -> ModelFile.load(f));
    }

    private static byte[] bytes(TrainedModel m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(m, out);
        return out.toByteArray();
    }

    /** Offset of the length-prefixed text {@code name} in a file (its first occurrence). */
    private static int layoutEntry(byte[] all, byte[] name) {
        for (int i = 4; i + name.length <= all.length; i++) {
            if (ByteBuffer.wrap(all, i - 4, 4).getInt() == name.length
                    && Arrays.equals(all, i, i + name.length, name, 0, name.length)) {
                return i - 4;
            }
        }
        throw new AssertionError("not found");
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
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
        assertMentions(loadFails(all), "model format " + (ModelFile.FORMAT_VERSION + 1), "update the cdgm extension");
    }

    @Test
    void missingFileIsNamed() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(dir.resolve("none")));
        assertMentions(e, "does not exist");
    }

    @Test
    void anUnknownCreationTimeStaysUnknown() throws Exception {
        assertNull(ModelFile.load(file).provenance().created());
    }

    @Test
    void embeddingCellsWithOtherGenesIsRefused() {
        var e = assertThrows(org.cdgm.engine.data.InvalidInputException.class,
                () -> model.embed(DenseCellMatrix.of(new double[][] {{1, 2, 3}})));
        assertMentions(e, "4 genes", "have 3");
    }
}
