package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
        AnnotatedMatrix m = TenXReader.read(folder(MTX, "g1\tA\tGene Expression\ng2\tB\tx\ng3\tC\tx\n", "c1\nc2\n"));
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
        assertFails(() -> TenXReader.read(f), "matrix.mtx is 3 genes x 2 cells", "features.tsv lists 4 genes");
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
        assertFails(() -> TenXReader.read(f), "ends after 2 of its 3 entries");
    }

    @Test
    void duplicateGeneNamesAndBadEntriesAreNamed() throws Exception {
        Path f = folder(MTX, "g1\tA\ng2\tB\ng3\tA\n", "c1\nc2\n");
        assertFails(() -> TenXReader.read(f), "gene name 'A' appears on lines 1 and 3");
        Path g = folder(MTX.replace("2 2 7", "4 2 7"), "A\nB\nC\n", "c1\nc2\n");
        assertFails(() -> TenXReader.read(g), "line 6", "outside the 3 x 2 matrix");
        Path h = folder(MTX.replace("2 2 7", "2 2 x"), "A\nB\nC\n", "c1\nc2\n");
        assertFails(() -> TenXReader.read(h), "line 6", "'x' is not a number");
        Path i = folder("hello\n", "A\n", "c1\n");
        assertFails(() -> TenXReader.read(i), "not a MatrixMarket coordinate file");
    }

    @Test
    void metadataMustCoverEveryCell() throws Exception {
        Path f = folder(MTX, "A\nB\nC\n", "c1\nc2\n");
        Files.writeString(tmp.resolve("meta.csv"), "barcode,condition\nc1,background\n");
        assertFails(() -> TenXReader.read(f, tmp.resolve("meta.csv"), "barcode"), "no row for cell 'c2'");
        assertFails(() -> TenXReader.read(f, tmp.resolve("meta.csv"), "cell"), "has no column 'cell'");
    }

    @Test
    void missingFilesAreListed() {
        assertFails(() -> TenXReader.read(tmp), "has none of matrix.mtx.gz, matrix.mtx");
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
