package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.testdata.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMatrixReaderTest {
    @TempDir
    Path tmp;

    @Test
    void sliceOfTheScreenRoundTripsThroughCsvBothOrientations() throws Exception {
        Path dir = SharedData.root().resolve("papalexi2021_lowmoi");
        AnnotatedMatrix screen = TenXReader.read(dir, dir.resolve("cell_metadata.csv"), "barcode");
        int n = 500;
        List<String> header = new ArrayList<>(List.of("barcode", "condition"));
        header.addAll(screen.genes());
        CsvTable cellsAsRows = new CsvTable(header);
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>(List.of(screen.cellIds().get(i),
                    screen.metadata().column("condition").get(i)));
            for (int g = 0; g < screen.genes().size(); g++) {
                row.add((long) screen.matrix().get(i, g));
            }
            cellsAsRows.add(row);
        }
        cellsAsRows.write(tmp.resolve("slice.csv"));
        AnnotatedMatrix a = CsvMatrixReader.read(tmp.resolve("slice.csv"),
                CsvMatrixOptions.cellsAsRows("barcode").withMetadata(Set.of("condition")));
        // genes as rows, tab separated, with a byte order mark
        StringBuilder tsv = new StringBuilder("\uFEFFgene");
        for (int i = 0; i < n; i++) {
            tsv.append('\t').append(screen.cellIds().get(i));
        }
        for (int g = 0; g < screen.genes().size(); g++) {
            tsv.append('\n').append(screen.genes().get(g));
            for (int i = 0; i < n; i++) {
                tsv.append('\t').append((long) screen.matrix().get(i, g));
            }
        }
        Files.writeString(tmp.resolve("slice.tsv"), tsv, StandardCharsets.UTF_8);
        AnnotatedMatrix b = CsvMatrixReader.read(tmp.resolve("slice.tsv"),
                CsvMatrixOptions.cellsAsRows("gene").genesAsRows());
        for (AnnotatedMatrix m : List.of(a, b)) {
            assertEquals(screen.genes(), m.genes());
            assertEquals(screen.cellIds().subList(0, n), m.cellIds());
            for (int i = 0; i < n; i++) {
                for (int g = 0; g < screen.genes().size(); g++) {
                    assertEquals(screen.matrix().get(i, g), m.matrix().get(i, g), 0);
                }
            }
        }
        assertEquals(screen.metadata().column("condition").subList(0, n), a.metadata().column("condition"));
    }

    @Test
    void headerlessFileNumbersGenesAndCells() throws Exception {
        Path toy = SharedData.root().resolve("cplvm_toy_poisson/toy_background.csv");
        AnnotatedMatrix m = CsvMatrixReader.read(toy, CsvMatrixOptions.cellsAsRows(null).withoutHeader());
        assertEquals(1000, m.matrix().cells());
        assertEquals(List.of("gene_1", "gene_2"), m.genes());
        assertEquals(21.0, m.matrix().get(0, 0), 0);
        assertEquals("cell_1000", m.cellIds().get(999));
    }

    @Test
    void quotedFieldsAndGzipAreHandled() throws Exception {
        Path f = tmp.resolve("q.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("id,\"label, with comma\",A\n\"c 1\",\"x,y\",\"3\"\n".getBytes(StandardCharsets.UTF_8));
        }
        AnnotatedMatrix m = CsvMatrixReader.read(f, CsvMatrixOptions.cellsAsRows("id")
                .withMetadata(Set.of("label, with comma")));
        assertEquals("x,y", m.metadata().column("label, with comma").get(0));
        assertEquals("c 1", m.cellIds().get(0));
        assertEquals(3.0, m.matrix().get(0, 0), 0);
    }

    private DataFileException fails(String content, CsvMatrixOptions o) throws Exception {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, content);
        return assertThrows(DataFileException.class, () -> CsvMatrixReader.read(f, o));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void missingValuesAreAnErrorOrFilled() throws Exception {
        String csv = "id,A,B\nc1,1,NA\nc2,,4\n";
        assertMentions(fails(csv, CsvMatrixOptions.cellsAsRows("id")), "row 2, column 'B' is missing ('NA')",
                "fill value");
        Path f = tmp.resolve("fill.csv");
        Files.writeString(f, csv);
        AnnotatedMatrix m = CsvMatrixReader.read(f, CsvMatrixOptions.cellsAsRows("id").withFill(0.0));
        assertEquals(0.0, m.matrix().get(0, 1), 0);
        assertEquals(0.0, m.matrix().get(1, 0), 0);
    }

    @Test
    void badFilesNameRowAndColumn() throws Exception {
        assertMentions(fails("id,A,condition\nc1,1,target\n", CsvMatrixOptions.cellsAsRows("id")),
                "row 2, column 'condition': 'target' is not a finite number", "metadata column");
        assertMentions(fails("id,A,B\nc1,1\n", CsvMatrixOptions.cellsAsRows("id")), "row 2 has 2 fields",
                "header has 3");
        assertMentions(fails("id,A\n", CsvMatrixOptions.cellsAsRows("id")), "has no data rows");
        assertMentions(fails("cell,A\nc1,1\n", CsvMatrixOptions.cellsAsRows("barcode")), "has no column 'barcode'");
        assertMentions(fails("id,A\nc1,Infinity\n", CsvMatrixOptions.cellsAsRows("id")), "not a finite number");
    }
}
