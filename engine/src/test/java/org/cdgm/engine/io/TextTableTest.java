package org.cdgm.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.cdgm.engine.data.MetadataType;
import org.cdgm.engine.io.TextTable.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTableTest {
    @TempDir
    Path tmp;

    private Path write(String name, String content) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static TextTable read(Path f) throws Exception {
        return TextTable.read(f, (char) 0, true, '.');
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    private static List<String> row(TextTable t, int i) {
        String[] r = new String[t.columns()];
        Arrays.setAll(r, j -> t.get(i, j));
        return List.of(r);
    }

    @Test
    void byteOrderMarkAndCrlfLineEndsAreRemoved() throws Exception {
        TextTable t = read(write("t.csv", "\uFEFFid,A\r\nc1,1\r\n\r\nc2,2\r\n"));
        assertEquals(List.of("id", "A"), t.header());
        assertEquals(List.of("c2", "2"), row(t, 1));
        assertEquals(4, t.line(1), "lines count the empty line");
    }

    @Test
    void delimiterAtTheEndOfEveryLineIsDropped() throws Exception {
        TextTable t = read(write("t.csv", "id,A,\nc1,1,\nc2,2,\n"));
        assertEquals(List.of("id", "A"), t.header());
        assertEquals(List.of("c1", "1"), row(t, 0));
    }

    @Test
    void emptyLastValueInSomeRowsIsKept() throws Exception {
        TextTable t = read(write("t.csv", "id,A,B\nc1,1,\nc2,2,3\n"));
        assertEquals(3, t.columns());
        assertEquals("", t.get(0, 2));
    }

    @Test
    void rShortHeaderGivesUnnamedRowNames() throws Exception {
        TextTable t = read(write("t.tsv", "c1\tc2\nG1\t1\t2\n"));
        assertEquals(List.of("", "c1", "c2"), t.header());
        assertEquals(2, t.headerFields());
        assertTrue(t.rowNames());
        assertEquals('\t', t.delimiter());
    }

    @Test
    void pandasIndexColumnIsRowNames() throws Exception {
        assertTrue(read(write("a.csv", ",A\nc1,1\n")).rowNames());
        assertTrue(read(write("b.csv", "Unnamed: 0,A\nc1,1\n")).rowNames());
        assertFalse(read(write("c.csv", "id,A\nc1,1\n")).rowNames());
    }

    @Test
    void semicolonIsDetectedEvenWithDecimalCommas() throws Exception {
        Path f = write("t.csv", "cell;A;B\nc1;3,5;1\nc2;2;0,25\n");
        assertEquals(';', read(f).delimiter());
        assertEquals(';', TextTable.read(f, (char) 0, true, ',').delimiter());
        // with ',' as decimal mark, ',' is never the detected delimiter, even where it would split evenly
        assertEquals(';', TextTable.read(write("u.csv", "cell;A\nc1;3,5\n"), (char) 0, true, ',').delimiter());
    }

    @Test
    void tabIsDetectedForATxtFileAndOneColumnFollowsTheExtension() throws Exception {
        assertEquals('\t', read(write("t.txt", "cell\tA\tB\nc1\t1\t2\n")).delimiter());
        assertEquals('\t', read(write("one.txt", "cell\nc1\n")).delimiter());
        assertEquals(',', read(write("one.csv", "cell\nc1\n")).delimiter());
        assertEquals('\t', read(write("one.tsv.gz", "cell\nc1\n")).delimiter());
    }

    @Test
    void chosenDelimiterIsHonoured() throws Exception {
        TextTable t = TextTable.read(write("t.csv", "a;b,c\n1;2,3\n"), ',', true, '.');
        assertEquals(List.of("a;b", "c"), t.header());
    }

    @Test
    void quotedFieldsKeepDelimitersAndLineBreaks() throws Exception {
        TextTable t = read(write("t.csv", "id,note\n\"c1\",\"a, b\"\nc2,\"two\nlines\"\nc3,x\n"));
        assertEquals("a, b", t.get(0, 1));
        assertEquals("two\nlines", t.get(1, 1));
        assertEquals(5, t.line(2));
    }

    @Test
    void gzipIsRecognisedByContent() throws Exception {
        Path f = tmp.resolve("plain-name.csv");
        try (var out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("id;A\nc1;1\n".getBytes(StandardCharsets.UTF_8));
        }
        TextTable t = read(f);
        assertEquals(';', t.delimiter());
        assertEquals("1", t.get(0, 1));
    }

    @Test
    void headerlessTableHasNoHeader() throws Exception {
        TextTable t = TextTable.read(write("t.csv", "1,2\n3,4\n"), (char) 0, false, '.');
        assertNull(t.header());
        assertEquals(2, t.rows());
        assertEquals("column 2", t.label(1));
    }

    @Test
    void raggedRowNamesLineAndCounts() throws Exception {
        Path f = write("t.csv", "id,A,B\nc1,1,2\n\nc2,1\n");
        assertMentions(assertThrows(DataFileException.class, () -> read(f)), "t.csv", "row 4 has 2 fields",
                "header has 3");
        Path g = write("g.csv", "1,2\n3\n");
        assertMentions(assertThrows(DataFileException.class, () -> TextTable.read(g, (char) 0, false, '.')),
                "row 2 has 1 field,", "first row has 2");
        Path h = write("h.tsv", "c1\tc2\nG1\t1\t2\nG2\t1\n");
        assertMentions(assertThrows(DataFileException.class, () -> read(h)), "row 3 has 2 fields",
                "header has 2", "R row names");
    }

    @Test
    void unclosedQuoteAndEmptyFileAreNamed() throws Exception {
        Path f = write("q.csv", "id,A\n\"c1,1\n");
        assertMentions(assertThrows(DataFileException.class, () -> read(f)), "q.csv", "unclosed quote");
        Path e = write("e.csv", "\n\n");
        assertMentions(assertThrows(DataFileException.class, () -> read(e)), "e.csv is empty");
        assertMentions(assertThrows(DataFileException.class, () -> read(tmp.resolve("none.csv"))), "does not exist");
    }

    @Test
    void valuesAreJudgedAsTableProgramsDo() {
        assertEquals(Kind.NUMBER, TextTable.kind("-1.5e3", '.'));
        assertEquals(Kind.NUMBER, TextTable.kind("3,5", ','));
        assertEquals(Kind.NUMBER, TextTable.kind("7", ','));
        assertEquals(Kind.OTHER_MARK, TextTable.kind("3,5", '.'));
        assertEquals(Kind.OTHER_MARK, TextTable.kind("3.5", ','));
        assertEquals(Kind.NON_FINITE, TextTable.kind("-Inf", '.'));
        assertEquals(Kind.MISSING, TextTable.kind("NaN", '.'));
        assertEquals(Kind.MISSING, TextTable.kind("None", '.'));
        assertEquals(Kind.TEXT, TextTable.kind("1d", '.'));
        assertEquals(Kind.TEXT, TextTable.kind("0x1p3", '.'));
        assertEquals(Kind.TEXT, TextTable.kind("e5", '.'));
        assertEquals(3.5, TextTable.parse("3,5", ','), 0);
    }

    @Test
    void metadataColumnsAreTypedWithMissingAsNull() {
        TextTable.Column n = TextTable.metadataColumn(List.of("1", "NA", "3"), '.');
        assertEquals(MetadataType.INTEGER, n.type());
        assertEquals(Arrays.asList("1", null, "3"), n.values());
        TextTable.Column d = TextTable.metadataColumn(List.of("0,5", ""), ',');
        assertEquals(MetadataType.DOUBLE, d.type());
        assertEquals(Arrays.asList("0.5", null), d.values());
        TextTable.Column s = TextTable.metadataColumn(List.of("a,b", "2"), ',');
        assertEquals(MetadataType.STRING, s.type());
        assertEquals(List.of("a,b", "2"), s.values(), "labels keep their commas");
    }
}
