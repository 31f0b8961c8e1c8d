package org.cdgm.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.cdgm.engine.io.AtomicFiles;

/** A self-contained HTML page (inline SVG, no scripts, no external files) built section by section. */
public final class HtmlReport {
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(String title) {
        this.title = title;
        body.append("<h1>").append(SvgPlot.escape(title)).append("</h1>\n");
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(SvgPlot.escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(SvgPlot.escape(text)).append("</p>\n");
        return this;
    }

    /** Numbers are shown with three decimals. */
    public HtmlReport table(List<String> header, List<List<Object>> rows) {
        body.append("<table>\n<tr>");
        for (String h : header) {
            body.append("<th>").append(SvgPlot.escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<Object> r : rows) {
            body.append("<tr>");
            for (Object v : r) {
                String s = v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v);
                body.append(v instanceof Number ? "<td class=\"n\">" : "<td>").append(SvgPlot.escape(s))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A row of figures (SVG documents). */
    public HtmlReport figures(List<String> svgs) {
        body.append("<div class=\"figs\">\n");
        for (String s : svgs) {
            body.append(s);
        }
        body.append("</div>\n");
        return this;
    }

    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + SvgPlot.escape(title)
                + "</title>\n<style>body{font-family:sans-serif;margin:24px;max-width:1320px}"
                + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px}"
                + "td.n{text-align:right;font-variant-numeric:tabular-nums}.figs svg{margin:4px}</style>"
                + "</head><body>\n" + body + "</body></html>\n";
    }

    /** Writes atomically, as {@link CsvTable#write}. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, w -> w.write(html()));
    }
}
