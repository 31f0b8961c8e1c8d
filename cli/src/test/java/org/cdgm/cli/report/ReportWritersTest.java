package org.cdgm.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

class ReportWritersTest {

    @Test
    void csvRoundTripsQuotesCommasAndNewlines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("out.csv");
        new CsvTable(List.of("fit", "value")).add(List.of("a, \"quoted\"\nname", 0.25)).write(f);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(f)).getRecords();
        assertEquals(1, rows.size());
        assertEquals("a, \"quoted\"\nname", rows.get(0).get("fit"));
        assertEquals("0.25", rows.get(0).get("value"));
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no temporary file may be left behind");
        }
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // the written file gets the permissions of any new file here (the umask), not owner-only 0600
            Path reference = Files.createFile(dir.resolve("reference"));
            assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(f));
        }
    }

    @Test
    void rowsMustMatchTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new CsvTable(List.of("a", "b")).add(List.of(1)));
    }

    @Test
    void svgChartsAreWellFormedXmlAndEscapeText() throws Exception {
        String lines = SvgPlot.lines("Loss <train> & \"valid\"", "epoch", "loss", List.of(
                new SvgPlot.Series("a", new double[] {1, 2, 3}, new double[] {3, Double.NaN, 1})));
        String scatter = SvgPlot.scatter("t", "x", "y", List.of(
                new SvgPlot.Group("g", new double[] {0, 1}, new double[] {1, 0}, "#123456")));
        for (String svg : List.of(lines, scatter)) {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(svg)));
            assertEquals("svg", doc.getDocumentElement().getNodeName());
        }
        assertTrue(lines.contains("Loss &lt;train&gt; &amp; &quot;valid&quot;"));
    }

    @Test
    void htmlReportIsWrittenWithTablesAndFigures(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.html");
        new HtmlReport("T & co").paragraph("<b>not markup</b>").table(List.of("m", "v"), List.of(List.of("x", 0.5)))
                .figures(List.of("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")).write(f);
        String html = Files.readString(f);
        assertTrue(html.contains("<h1>T &amp; co</h1>"));
        assertTrue(html.contains("&lt;b&gt;not markup&lt;/b&gt;"));
        assertTrue(html.contains("<td class=\"n\">0.500</td>"));
    }
}
