package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.MetadataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataJoinTest {
    @TempDir
    Path tmp;

    /** Cells with one gene "G" whose value is the cell's position + 1, and one earlier warning. */
    private static AnnotatedMatrix cells(String... ids) {
        float[] v = new float[ids.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        return new AnnotatedMatrix(new DenseCellMatrix(ids.length, 1, v), List.of("G"), List.of(ids),
                CellMetadata.none(ids.length), List.of("earlier warning"));
    }

    private Path write(String name, String content) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static AnnotatedMatrix join(AnnotatedMatrix a, Path f, String id) throws Exception {
        return MetadataJoin.join(a, f, id, CsvMatrixOptions.defaults());
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void fullMatchKeepsEveryCellInMatrixOrder() throws Exception {
        Path f = write("m.csv", "barcode,condition\nc2,target\nc1,background\nc9,target\n");
        AnnotatedMatrix m = join(cells("c1", "c2"), f, "barcode");
        assertEquals(List.of("c1", "c2"), m.cellIds());
        assertEquals(List.of("background", "target"), m.metadata().column("condition"));
        assertEquals(List.of("earlier warning"), m.warnings(), "extra rows are no news when no cell is lost");
    }

    @Test
    void noMatchShowsAnIdFromEachSideAndTheSuffix() throws Exception {
        Path f = write("m.csv", "cell,condition\nA,x\nB,y\n");
        DataFileException e = assertThrows(DataFileException.class, () -> join(cells("A-1", "B-1"), f, null));
        assertMentions(e, "m.csv: 0 of 2 cells match a row by column 'cell'", "'A-1'", "the file's ids like 'A'",
                "'-1' suffix", "2 of 2");
    }

    @Test
    void noMatchPointsAtAnotherColumnThatMatches() throws Exception {
        Path f = write("m.csv", "index,barcode,condition\n1,c1,x\n2,c2,y\n");
        DataFileException e = assertThrows(DataFileException.class, () -> join(cells("c1", "c2"), f, null));
        assertMentions(e, "0 of 2", "column 'barcode' matches 2 of 2 cells");
    }

    @Test
    void idsThatAreTheMatrixsGeneNamesMeanTheTableWasReadTheWrongWayRound() throws Exception {
        // a genes-as-rows table read with cells as rows: its "cells" are genes, its "genes" the cells
        AnnotatedMatrix flipped = new AnnotatedMatrix(new DenseCellMatrix(2, 3, new float[6]), List.of("c1", "c2", "c3"),
                List.of("GENE0", "GENE1"), CellMetadata.none(2), List.of());
        Path f = write("m.csv", "cell,condition\nc1,x\nc2,y\nc3,y\n");
        DataFileException e = assertThrows(DataFileException.class, () -> join(flipped, f, null));
        assertMentions(e, "0 of 2 cells match", "(cells look like 'GENE0'", "match 3 of the matrix's 3 gene names",
                "untick 'CSV has cells as rows'", "--genes-as-rows");
    }

    @Test
    void partialMatchIsALeftJoinWithAWarning() throws Exception {
        Path f = write("m.csv", "cell,condition\nc1,x\nc3,y\nc9,z\n");
        AnnotatedMatrix m = join(cells("c1", "c2", "c3"), f, "cell");
        assertEquals(List.of("c1", "c2", "c3"), m.cellIds());
        assertEquals(java.util.Arrays.asList("x", null, "y"), m.metadata().column("condition"));
        // with a condition column, the cell without a row is left out and counted
        org.cdgm.engine.preprocess.PreparedCells p = org.cdgm.engine.preprocess.CellPreparation.prepare(m,
                new org.cdgm.engine.preprocess.PreparationSettings("condition", java.util.Set.of("x"), null, 0, 0, 0));
        assertEquals(List.of("c1", "c3"), p.data().cellIds());
        assertEquals(1, p.dropped());
        assertEquals(2, m.warnings().size());
        assertEquals("earlier warning", m.warnings().get(0));
        assertMentions(new Exception(m.warnings().get(1)), "1 of 3 cells have no row in", "m.csv", "(e.g. 'c2')",
                "metadata are missing", "the file's ids look like 'c9'", "1 of its rows match no cell");
    }

    @Test
    void pandasMissingValuesAreMissingNeverTarget() throws Exception {
        Path f = write("m.csv", "cell,cond,score\nc1,ctrl,1.5\nc2,#N/A,N/A\nc3,stim,2\nc4,<NA>,-nan\n");
        AnnotatedMatrix m = join(cells("c1", "c2", "c3", "c4"), f, "cell");
        assertEquals(java.util.Arrays.asList("ctrl", null, "stim", null), m.metadata().column("cond"));
        assertEquals(org.cdgm.engine.data.MetadataType.DOUBLE, m.metadata().type("score"));
        org.cdgm.engine.preprocess.PreparedCells p = org.cdgm.engine.preprocess.CellPreparation.prepare(m,
                new org.cdgm.engine.preprocess.PreparationSettings("cond", java.util.Set.of("ctrl"), null, 0, 0, 0));
        assertEquals(1, p.target());
        assertEquals(2, p.dropped());
    }

    @Test
    void columnsAreTypedAndMissingIsNull() throws Exception {
        Path f = write("m.csv", "cell,umis,frac,label,empty\nc1,3,0.5,a,\nc2,NA,1e-3,,NA\n");
        CellMetadata md = join(cells("c1", "c2"), f, null).metadata();
        assertEquals(List.of("umis", "frac", "label", "empty"), md.columnNames());
        assertEquals(MetadataType.INTEGER, md.type("umis"));
        assertEquals(Arrays.asList("3", null), md.column("umis"));
        assertEquals(MetadataType.DOUBLE, md.type("frac"));
        assertEquals(MetadataType.STRING, md.type("label"));
        assertEquals(Arrays.asList("a", null), md.column("label"));
        assertEquals(Arrays.asList(null, null), md.column("empty"));
    }

    @Test
    void decimalCommaTypesAsNumbers() throws Exception {
        Path f = write("m.csv", "cell;frac;label\nc1;0,5;a,b\nc2;2;c\n");
        CellMetadata md = MetadataJoin.join(cells("c1", "c2"), f, null, CsvMatrixOptions.defaults().withDecimal(','))
                .metadata();
        assertEquals(MetadataType.DOUBLE, md.type("frac"));
        assertEquals(List.of("0.5", "2"), md.column("frac"));
        assertEquals(List.of("a,b", "c"), md.column("label"));
    }

    @Test
    void rowNamesAreTheIdsAndLeftOutBesideANamedId() throws Exception {
        Path r = write("r.tsv", "condition\nc1\tx\nc2\ty\n"); // R's write.table short header
        assertEquals(List.of("x", "y"), join(cells("c1", "c2"), r, null).metadata().column("condition"));
        Path p = write("p.csv", ",cell,condition\n0,c1,x\n1,c2,y\n"); // pandas to_csv with its index
        CellMetadata md = join(cells("c1", "c2"), p, "cell").metadata();
        assertEquals(List.of("condition"), md.columnNames());
    }

    @Test
    void badFilesAreNamed() throws Exception {
        Path f = write("m.csv", "cell,condition\nc1,x\nc1,y\n");
        assertMentions(assertThrows(DataFileException.class, () -> join(cells("c1"), f, null)),
                "m.csv: cell 'c1' appears on rows 2 and 3");
        assertMentions(assertThrows(DataFileException.class, () -> join(cells("c1"), f, "barcode")),
                "has no column 'barcode'; columns: cell, condition");
        Path h = write("h.csv", "cell,condition\n");
        assertMentions(assertThrows(DataFileException.class, () -> join(cells("c1"), h, null)), "has no data rows");
    }
}
