package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.MetadataType;
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
        // Written with commons-csv directly (RFC 4180, as the command line's CSV tables), not through a report writer.
        try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(tmp.resolve("slice.csv"), StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (int i = 0; i < n; i++) {
                List<Object> row = new ArrayList<>(List.of(screen.cellIds().get(i),
                        screen.metadata().column("condition").get(i)));
                for (int g = 0; g < screen.genes().size(); g++) {
                    row.add((long) screen.matrix().get(i, g));
                }
                csv.printRecord(row);
            }
        }
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
                "write the value (0 where the gene was not detected) or remove the row");
        Path f = tmp.resolve("fill.csv");
        Files.writeString(f, csv);
        AnnotatedMatrix m = CsvMatrixReader.read(f, CsvMatrixOptions.cellsAsRows("id").withFill(0.0));
        assertEquals(0.0, m.matrix().get(0, 1), 0);
        assertEquals(0.0, m.matrix().get(1, 0), 0);
    }

    @Test
    void badFilesNameRowAndColumn() throws Exception {
        assertMentions(fails("id,A,B\nc1,1\n", CsvMatrixOptions.cellsAsRows("id")), "row 2 has 2 fields",
                "header has 3");
        assertMentions(fails("id,A\n", CsvMatrixOptions.cellsAsRows("id")), "has no data rows");
        assertMentions(fails("cell,A\nc1,1\n", CsvMatrixOptions.cellsAsRows("barcode")), "has no column 'barcode'",
                "columns: cell, A");
        assertMentions(fails("id,A\nc1,Infinity\n", CsvMatrixOptions.cellsAsRows("id")), "not a finite number");
        assertMentions(fails("id,A\nc1,1\n", CsvMatrixOptions.cellsAsRows("id").withMetadata(Set.of("cond"))),
                "has no metadata column 'cond'");
        assertMentions(fails("id,condition\nc1,target\n", CsvMatrixOptions.defaults()), "no columns of numbers",
                "'condition'");
    }

    @Test
    void textAmongNumbersNamesRowColumnAndCause() throws Exception {
        DataFileException e = fails("id,A,G3\nc1,1,2\nc2,3,4\nc3,5,6\nc4,7,abc\n", CsvMatrixOptions.defaults());
        assertMentions(e, "bad.csv, row 5, column 'G3': 'abc' is not a number (the column has numbers in other rows",
                "row 2: '2'");
        assertFalse(e.getMessage().contains("metadata column"), e.getMessage());
    }

    @Test
    void textColumnBesideGenesIsMetadata() throws Exception {
        Path f = tmp.resolve("m.csv");
        Files.writeString(f, "id,A,condition,rep\nc1,1,target,1\nc2,2,NA,2\n");
        AnnotatedMatrix m = CsvMatrixReader.read(f, CsvMatrixOptions.defaults().withMetadata(Set.of("rep")));
        assertEquals(List.of("A"), m.genes());
        assertEquals(List.of("c1", "c2"), m.cellIds());
        assertEquals(List.of("condition", "rep"), m.metadata().columnNames(), "file order");
        assertEquals(Arrays.asList("target", null), m.metadata().column("condition"));
        assertEquals(MetadataType.STRING, m.metadata().type("condition"));
        assertEquals(MetadataType.INTEGER, m.metadata().type("rep"), "numeric metadata stay numbers");
        assertEquals(List.of(), m.warnings());
    }

    @Test
    void rShortHeaderWithGenesAsRows() throws Exception {
        Path f = tmp.resolve("r.tsv");
        Files.writeString(f, "c1\tc2\nG1\t1\t2\n");
        AnnotatedMatrix m = CsvMatrixReader.read(f, CsvMatrixOptions.defaults().genesAsRows());
        assertEquals(List.of("c1", "c2"), m.cellIds());
        assertEquals(List.of("G1"), m.genes());
        assertEquals(1.0, m.matrix().get(0, 0), 0);
        assertEquals(2.0, m.matrix().get(1, 0), 0);
    }

    @Test
    void decimalCommaWithSemicolons() throws Exception {
        Path f = tmp.resolve("de.csv");
        Files.writeString(f, "cell;G1\nc1;3,5\n");
        for (CsvMatrixOptions o : List.of(CsvMatrixOptions.defaults().withDelimiter(';').withDecimal(','),
                CsvMatrixOptions.defaults().withDecimal(','))) {
            AnnotatedMatrix m = CsvMatrixReader.read(f, o);
            assertEquals(List.of("c1"), m.cellIds());
            assertEquals(List.of("G1"), m.genes());
            assertEquals(3.5, m.matrix().get(0, 0), 1e-6);
        }
        DataFileException e = assertThrows(DataFileException.class,
                () -> CsvMatrixReader.read(f, CsvMatrixOptions.defaults()));
        assertMentions(e, "row 2, column 'G1': '3,5'", "decimal comma", "decimal mark ','");
        assertFalse(e.getMessage().contains("metadata column"), e.getMessage());
    }

    @Test
    void decimalPointWithDecimalCommaChosenIsNamed() throws Exception {
        assertMentions(fails("cell;G1\nc1;2\nc2;3.5\n", CsvMatrixOptions.defaults().withDecimal(',')),
                "row 3, column 'G1': '3.5'", "decimal point", "decimal mark '.'");
    }

    @Test
    void geneAnnotationColumnIsLeftOutWithAWarning() throws Exception {
        Path f = tmp.resolve("g.tsv");
        Files.writeString(f, "gene_id\tgene_name\tc1\nE1\tG1\t3\n");
        AnnotatedMatrix m = CsvMatrixReader.read(f, CsvMatrixOptions.cellsAsRows("gene_name").genesAsRows());
        assertEquals(List.of("G1"), m.genes());
        assertEquals(List.of("c1"), m.cellIds());
        assertEquals(3.0, m.matrix().get(0, 0), 0);
        assertEquals(1, m.warnings().size());
        assertTrue(m.warnings().get(0).contains("'gene_id' left out"), m.warnings().get(0));
    }

    @Test
    void byteOrderMarkAndCrlf() throws Exception {
        AnnotatedMatrix m = readText("b.csv", "\uFEFFcell,A,B\r\nc1,1,2\r\nc2,3,4\r\n", CsvMatrixOptions.defaults());
        assertEquals(List.of("A", "B"), m.genes());
        assertEquals(List.of("c1", "c2"), m.cellIds());
        assertEquals(4.0, m.matrix().get(1, 1), 0);
    }

    @Test
    void trailingDelimiterOnEveryLine() throws Exception {
        AnnotatedMatrix m = readText("t.csv", "cell,A,B,\nc1,1,2,\n", CsvMatrixOptions.defaults());
        assertEquals(List.of("A", "B"), m.genes());
        assertEquals(2.0, m.matrix().get(0, 1), 0);
    }

    @Test
    void pandasIndexColumnGivesCellIds() throws Exception {
        for (String first : List.of("", "Unnamed: 0")) {
            AnnotatedMatrix m = readText("p.csv", first + ",A,B\nc1,1,2\nc2,3,4\n", CsvMatrixOptions.defaults());
            assertEquals(List.of("c1", "c2"), m.cellIds());
            assertEquals(List.of("A", "B"), m.genes());
        }
        // pandas' default RangeIndex: numbers, still the ids
        AnnotatedMatrix n = readText("n.csv", ",A\n0,5\n1,6\n", CsvMatrixOptions.defaults());
        assertEquals(List.of("0", "1"), n.cellIds());
        assertEquals(List.of("A"), n.genes());
    }

    @Test
    void unnamedRowNamesBesideANamedIdAreLeftOut() throws Exception {
        AnnotatedMatrix m = readText("p.csv", ",cell,A\n1,c1,2\n2,c2,3\n", CsvMatrixOptions.cellsAsRows("cell"));
        assertEquals(List.of("c1", "c2"), m.cellIds());
        assertEquals(List.of("A"), m.genes());
        assertTrue(m.warnings().get(0).contains("unnamed first column"), m.warnings().get(0));
    }

    @Test
    void semicolonAndTabAreDetected() throws Exception {
        AnnotatedMatrix s = readText("s.csv", "cell;A;B\nc1;1;2\n", CsvMatrixOptions.defaults());
        assertEquals(List.of("A", "B"), s.genes());
        AnnotatedMatrix t = readText("t.txt", "cell\tA\tB\nc1\t1\t2\n", CsvMatrixOptions.defaults());
        assertEquals(List.of("A", "B"), t.genes());
        assertEquals(2.0, t.matrix().get(0, 1), 0);
    }

    @Test
    void numericFirstColumnIsAGeneAndCellsAreNumbered() throws Exception {
        AnnotatedMatrix m = readText("n.csv", "A,B\n1,2\n3,4\n", CsvMatrixOptions.defaults());
        assertEquals(List.of("A", "B"), m.genes());
        assertEquals(List.of("cell_1", "cell_2"), m.cellIds());
    }

    @Test
    void duplicateGeneNamesAreMadeUnique() throws Exception {
        AnnotatedMatrix m = readText("d.csv", "cell,A,A\nc1,1,2\n", CsvMatrixOptions.defaults());
        assertEquals(List.of("A", "A-1"), m.genes());
        assertEquals(1, m.warnings().size());
        assertTrue(m.warnings().get(0).contains("'A' x2"), m.warnings().get(0));
        AnnotatedMatrix g = readText("g.csv", "gene,c1\nA,1\nA,2\n", CsvMatrixOptions.defaults().genesAsRows());
        assertEquals(List.of("A", "A-1"), g.genes());
    }

    @Test
    void duplicateCellIdsNameBothRows() throws Exception {
        assertMentions(fails("id,A\nc1,1\nc2,2\nc1,3\n", CsvMatrixOptions.cellsAsRows("id")),
                "cell id 'c1' appears on rows 2 and 4");
        assertMentions(fails("gene,c1,c1\nA,1,2\n", CsvMatrixOptions.defaults().genesAsRows()),
                "cell id 'c1' appears on columns 2 and 3");
    }

    @Test
    void repeatedLabelsInTheFirstColumnAreMetadataNotIds() throws Exception {
        AnnotatedMatrix m = readText("c.csv", "condition,A\ntarget,1\ntarget,2\n", CsvMatrixOptions.defaults());
        assertEquals(List.of("cell_1", "cell_2"), m.cellIds());
        assertEquals(List.of("target", "target"), m.metadata().column("condition"));
        assertTrue(m.warnings().get(0).contains("repeats 'target' (rows 2 and 3)"), m.warnings().get(0));
    }

    private AnnotatedMatrix readText(String name, String content, CsvMatrixOptions o) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return CsvMatrixReader.read(f, o);
    }
}
