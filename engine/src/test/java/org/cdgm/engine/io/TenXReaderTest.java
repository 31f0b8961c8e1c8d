package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.SparseCellMatrix;
import org.cdgm.engine.testdata.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenXReaderTest {
    private static AnnotatedMatrix screen;
    private static double seconds;

    @BeforeAll
    static void readScreen() throws Exception {
        Path dir = SharedData.root().resolve("papalexi2021_lowmoi");
        long t0 = System.nanoTime();
        screen = TenXReader.read(dir, dir.resolve("cell_metadata.csv"), "barcode");
        seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("TenXReaderTest: read the Papalexi screen (20,729 cells) in %.2f s%n", seconds);
    }

    @Test
    void papalexiScreenHasTheDocumentedShape() {
        assertEquals(20729, screen.matrix().cells());
        assertEquals(299, screen.matrix().genes());
        assertEquals(1390126, ((SparseCellMatrix) screen.matrix()).nonZeros());
        assertEquals("cell_1", screen.cellIds().get(0));
        assertEquals("PCBP3", screen.genes().get(0));
        assertEquals(3.0, screen.matrix().get(0, 1), 0); // "2 1 3": gene 2, cell 1
        assertEquals(0.0, screen.matrix().get(0, 0), 0);
        List<String> condition = screen.metadata().column("condition");
        assertEquals(2386, condition.stream().filter("background"::equals).count());
        assertEquals(18343, condition.stream().filter("target"::equals).count());
        assertEquals("STAT2", screen.metadata().column("grna_target").get(0));
    }

    @Test
    void libraryNormalisedMeansMatchTheDataReadme() {
        // per-1,000-UMI means, non-targeting vs knockout of the gene: JAK2 13.6 -> 3.4, STAT1 60.2 -> 13.9
        assertEquals(13.6, normalisedMean("JAK2", "non-targeting"), 0.05);
        assertEquals(3.4, normalisedMean("JAK2", "JAK2"), 0.05);
        assertEquals(60.2, normalisedMean("STAT1", "non-targeting"), 0.05);
        assertEquals(13.9, normalisedMean("STAT1", "STAT1"), 0.05);
    }

    private static double normalisedMean(String gene, String guideTarget) {
        int g = screen.genes().indexOf(gene);
        List<String> targets = screen.metadata().column("grna_target");
        CellMatrix m = screen.matrix();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < m.cells(); i++) {
            if (targets.get(i).equals(guideTarget)) {
                sum += 1000 * m.get(i, g) / m.rowSum(i);
                n++;
            }
        }
        return sum / n;
    }

    @TempDir
    Path tmp;

    private Path folder(String mtx, String features, String barcodes) throws Exception {
        Files.writeString(tmp.resolve("matrix.mtx"), mtx);
        Files.writeString(tmp.resolve("features.tsv"), features);
        Files.writeString(tmp.resolve("barcodes.tsv"), barcodes);
        return tmp;
    }

    private static final String MTX = "%%MatrixMarket matrix coordinate integer general\n% comment\n3 2 3\n1 1 4\n3 1 1\n2 2 7\n";

    @Test
    void smallFolderReadsIntoSparseRows() throws Exception {
        AnnotatedMatrix m = TenXReader.read(folder(MTX, "g1\tA\tGene Expression\ng2\tB\tGene Expression\n"
                + "g3\tC\tGene Expression\n", "c1\nc2\n"));
        assertEquals(List.of("A", "B", "C"), m.genes());
        float[] rows = new float[6];
        m.matrix().copyRows(new int[] {0, 1}, rows);
        assertEquals("[4.0, 0.0, 1.0, 0.0, 7.0, 0.0]", Arrays.toString(rows));
    }

    private static void assertFails(ThrowingRead r, String... parts) {
        DataFileException e = assertThrows(DataFileException.class, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    interface ThrowingRead {
        void run() throws Exception;
    }

    @Test
    void dimensionsDisagreeingWithFeaturesOrBarcodesAreNamed() throws Exception {
        Path f = folder(MTX, "A\nB\nC\nD\n", "c1\nc2\n");
        assertFails(() -> TenXReader.read(f), "matrix.mtx is 3 features x 2 cells", "features.tsv lists 4 features");
        Path g = folder(MTX, "A\nB\nC\n", "c1\nc2\nc3\n");
        assertFails(() -> TenXReader.read(g), "barcodes.tsv 3 cells");
    }

    @Test
    void truncatedGzipIsReportedWithTheFileName() throws Exception {
        Path dir = SharedData.root().resolve("papalexi2021_lowmoi");
        byte[] gz = Files.readAllBytes(dir.resolve("matrix.mtx.gz"));
        Files.write(tmp.resolve("matrix.mtx.gz"), Arrays.copyOf(gz, gz.length / 3));
        Files.copy(dir.resolve("features.tsv"), tmp.resolve("features.tsv"));
        Files.copy(dir.resolve("barcodes.tsv"), tmp.resolve("barcodes.tsv"));
        assertFails(() -> TenXReader.read(tmp), "matrix.mtx.gz is truncated or not valid gzip");
    }

    @Test
    void truncatedPlainMatrixSaysHowManyEntriesArrived() throws Exception {
        Path f = folder(MTX.substring(0, MTX.length() - 6), "A\nB\nC\n", "c1\nc2\n");
        assertFails(() -> TenXReader.read(f), "ends after 2 of the 3 entries its size line declares");
    }

    @Test
    void duplicateGeneNamesAndBadEntriesAreNamed() throws Exception {
        Path g = folder(MTX.replace("2 2 7", "4 2 7"), "A\nB\nC\n", "c1\nc2\n");
        assertFails(() -> TenXReader.read(g), "line 6", "outside the 3 x 2 matrix");
        Path h = folder(MTX.replace("2 2 7", "2 2 x"), "A\nB\nC\n", "c1\nc2\n");
        assertFails(() -> TenXReader.read(h), "line 6", "'x' is not a number");
        Path i = folder("hello\n", "A\n", "c1\n");
        assertFails(() -> TenXReader.read(i), "not a MatrixMarket coordinate file");
    }

    @Test
    void partialMetadataLeavesTheOtherCellsUnannotatedWithAWarning() throws Exception {
        Path f = folder(MTX, "A\nB\nC\n", "c1\nc2\n");
        Files.writeString(tmp.resolve("meta.csv"), "barcode,condition\nc1,background\n");
        AnnotatedMatrix m = TenXReader.read(f, tmp.resolve("meta.csv"), "barcode");
        assertEquals(List.of("c1", "c2"), m.cellIds());
        assertEquals(java.util.Arrays.asList("background", null), m.metadata().column("condition"));
        assertTrue(m.warnings().stream().anyMatch(w -> w.contains("1 of 2 cells")), m.warnings().toString());
        assertFails(() -> TenXReader.read(f, tmp.resolve("meta.csv"), "cell"), "column 'cell'");
    }

    @Test
    void missingFilesAreListed() throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "x");
        assertFails(() -> TenXReader.read(tmp), "has no 10x matrix", "files there: notes.txt");
    }

    @Test
    void duplicateGeneNamesAreMadeUniqueAsScanpyDoes() throws Exception {
        AnnotatedMatrix m = TenXReader.read(folder(MTX, "g1\tA\tGene Expression\ng2\tA\tGene Expression\n"
                + "g3\tA-1\tGene Expression\n", "c1\nc2\n"));
        // anndata's make_index_unique skips A-1, which is taken, and names the second A "A-2"
        assertEquals(List.of("A", "A-2", "A-1"), m.genes());
        assertTrue(m.warnings().get(0).contains("'A' x2"), m.warnings().toString());
        m = TenXReader.read(folder(MTX, "g1\tA\tGene Expression\ng2\tA\tGene Expression\ng3\tB\tGene Expression\n",
                "c1\nc2\n"));
        assertEquals(List.of("A", "A-1", "B"), m.genes());
        assertEquals(1, m.warnings().size());
    }

    @Test
    void onlyGeneExpressionFeaturesAreKeptByDefault() throws Exception {
        Path f = folder("%%MatrixMarket matrix coordinate integer general\n2 1 2\n1 1 5\n2 1 9\n",
                "E1\tG1\tGene Expression\nAB\tCD3\tAntibody Capture\n", "c1\n");
        AnnotatedMatrix m = TenXReader.read(f);
        assertEquals(List.of("G1"), m.genes());
        assertEquals(5.0, m.matrix().get(0, 0));
        assertTrue(m.warnings().get(0).contains("left out 1 of other types (Antibody Capture (1))"),
                m.warnings().toString());
        MatrixReadRequest all = new MatrixReadRequest(f, MatrixFormat.AUTO, null, null, null, Set.of("all"),
                CsvMatrixOptions.defaults());
        assertEquals(List.of("G1", "CD3"), MatrixFiles.read(all).genes());
        MatrixReadRequest antibodies = new MatrixReadRequest(f, MatrixFormat.AUTO, null, null, null,
                Set.of("Antibody Capture"), CsvMatrixOptions.defaults());
        assertEquals(9.0, MatrixFiles.read(antibodies).matrix().get(0, 0));
        MatrixReadRequest guides = new MatrixReadRequest(f, MatrixFormat.AUTO, null, null, null,
                Set.of("CRISPR Guide Capture"), CsvMatrixOptions.defaults());
        assertFails(() -> MatrixFiles.read(guides), "no feature of type 'CRISPR Guide Capture'",
                "types present: Gene Expression (1), Antibody Capture (1)");
    }

    @Test
    void geoPrefixedFilesAreFoundAndSeveralSamplesListed() throws Exception {
        Files.write(tmp.resolve("GSM1_matrix.mtx.gz"), gzip(MTX));
        Files.write(tmp.resolve("GSM1_features.tsv.gz"), gzip("A\nB\nC\n"));
        Files.write(tmp.resolve("GSM1_barcodes.tsv.gz"), gzip("c1\nc2\n"));
        Files.writeString(tmp.resolve("grna_matrix.mtx.gz"), "not a sample: no barcodes or features beside it");
        assertEquals(List.of("c1", "c2"), TenXReader.read(tmp).cellIds());
        Files.write(tmp.resolve("GSM2_matrix.mtx.gz"), gzip(MTX));
        Files.write(tmp.resolve("GSM2_genes.tsv.gz"), gzip("A\nB\nC\n"));
        Files.write(tmp.resolve("GSM2_barcodes.tsv.gz"), gzip("d1\nd2\n"));
        assertFails(() -> TenXReader.read(tmp), "holds 2 10x samples", "GSM1_, GSM2_", "choose one by giving its matrix file");
        assertEquals(List.of("d1", "d2"), MatrixFiles.read(MatrixReadRequest.of(tmp.resolve("GSM2_matrix.mtx.gz")))
                .cellIds());
    }

    @Test
    void repeatedEntriesAreSummedAsScipyDoes() throws Exception {
        AnnotatedMatrix m = TenXReader.read(folder(MTX.replace("3 2 3", "3 2 4") + "1 1 2\n", "A\nB\nC\n",
                "c1\nc2\n"));
        assertEquals(6.0, m.matrix().get(0, 0));
    }

    @Test
    void declaredEntryCountIsCheckedAgainstTheFileNotAllocated() throws Exception {
        String head = "%%MatrixMarket matrix coordinate integer general\n";
        Path small = folder(head + "3 2 2000000000\n1 1 4\n3 1 1\n2 2 7\n", "A\nB\nC\n", "c1\nc2\n");
        assertFails(() -> TenXReader.read(small), "matrix.mtx declares 2000000000 entries",
                "more than its 3 x 2 matrix has");
        // a header whose count fits the matrix but not the file: read as far as it goes, then refused
        String genes = java.util.stream.IntStream.range(0, 50_000).mapToObj(i -> "g" + i).collect(
                java.util.stream.Collectors.joining("\n"));
        Path big = folder(head + "50000 50000 2000000000\n1 1 4\n3 1 1\n2 2 7\n", genes,
                genes.replace('g', 'c'));
        assertFails(() -> TenXReader.read(big), "matrix.mtx ends after 3 of the 2000000000 entries");
        Path more = folder(head + "3 2 2\n1 1 4\n3 1 1\n2 2 7\n", "A\nB\nC\n", "c1\nc2\n");
        assertFails(() -> TenXReader.read(more), "line 5: more entries than the 2 its size line declares");
    }

    static byte[] gzip(String s) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(s.getBytes());
        }
        return bytes.toByteArray();
    }

    @Test
    void gzipIsRecognisedByContent() throws Exception {
        folder(MTX, "A\nB\nC\n", "c1\nc2\n");
        Files.delete(tmp.resolve("matrix.mtx"));
        Files.write(tmp.resolve("matrix.mtx.gz"), gzip(MTX));
        assertEquals(7.0, TenXReader.read(tmp).matrix().get(1, 1), 0);
    }
}
