package org.cdgm.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The "## Settings" section of each node's page under docs/nodes is generated from the node description's
 * options (the text KNIME shows and the dialog's tooltips come from), so the page cannot drift from the dialog.
 * After changing an option, regenerate with
 * {@code mvn -B -o verify -pl extension-checks -am -Dcdgm.writeDocs=true}; the rest of each page is written by hand.
 */
class NodePagesTest {
    private static final Path DOCS_NODES = Project.ROOT.resolve("docs/nodes");
    private static final boolean WRITE = Boolean.getBoolean("cdgm.writeDocs");

    static List<String> factories() {
        return PluginXmlTest.factories();
    }

    @ParameterizedTest
    @MethodSource("factories")
    void settingsSectionIsTheDescriptionsOptions(String factory) throws IOException {
        Document d = Project.xml(new NodeSources(factory).description());
        Path page = page(Project.descendants(d, "name").get(0).getTextContent().trim());
        String md = Files.readString(page);
        int start = md.indexOf("\n## Settings\n");
        assertTrue(start >= 0, Project.ROOT.relativize(page) + " has no '## Settings' section");
        start++;
        int end = md.indexOf("\n## ", start + 1);
        end = end < 0 ? md.length() : end + 1;
        String expected = settings(d);
        String actual = md.substring(start, end);
        if (WRITE && !expected.equals(actual)) {
            Files.writeString(page, md.substring(0, start) + expected + md.substring(end));
            return;
        }
        assertEquals(expected, actual, Project.ROOT.relativize(page) + ": the settings section differs from the "
                + "node description's options; regenerate with -Dcdgm.writeDocs=true (see NodePagesTest)");
    }

    /** Node pages name choices as the dialogs show them; constant names only in `code` (flow-variable values). */
    @ParameterizedTest
    @MethodSource("factories")
    void pageShowsNoConstantNamesOutsideCode(String factory) throws IOException {
        Document d = Project.xml(new NodeSources(factory).description());
        Path page = page(Project.descendants(d, "name").get(0).getTextContent().trim());
        String prose = Files.readString(page).replaceAll("`[^`]*`", "").replaceAll("\\(\\w+\\.md[^)]*\\)", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b").matcher(prose);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        assertTrue(found.isEmpty(), Project.ROOT.relativize(page) + " shows constant names " + found + " outside "
                + "`code`; use the titles the dialog shows");
    }

    @Test
    void markupBecomesMarkdown() {
        Document d = Project.xmlText("<option name=\"X\">Use <b>Negative binomial (counts)</b> for "
                + "<tt>a|b</tt>, <i>not</i> R<sup>2</sup> &lt;none&gt;.</option>");
        assertEquals("Use **Negative binomial (counts)** for `a\\|b`, *not* R² &lt;none&gt;.",
                markdown(d.getDocumentElement()));
    }

    /** "## Settings", then per tab "### <tab> tab" (or one table without tabs) of "| setting | meaning |" rows. */
    static String settings(Document d) {
        StringBuilder b = new StringBuilder("## Settings\n\n");
        List<Element> tabs = Project.descendants(d, "tab");
        if (tabs.isEmpty()) {
            table(b, Project.descendants(d, "option"));
        } else {
            for (Element tab : tabs) {
                b.append("### ").append(tab.getAttribute("name")).append(" tab\n\n");
                table(b, Project.children(tab, "option"));
            }
        }
        return b.toString();
    }

    private static void table(StringBuilder b, List<Element> options) {
        b.append("| setting | meaning |\n|---|---|\n");
        for (Element o : options) {
            b.append("| ").append(o.getAttribute("name")).append(" | ").append(markdown(o)).append(" |\n");
        }
        b.append('\n');
    }

    /** Inline XML markup as Markdown: b, i, tt, sup 2; white space collapsed; | and angle brackets escaped. */
    static String markdown(Element e) {
        return inline(e).replaceAll("\\s+", " ").trim();
    }

    private static String inline(Node n) {
        StringBuilder b = new StringBuilder();
        NodeList kids = n.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            Node k = kids.item(i);
            if (k.getNodeType() == Node.TEXT_NODE) {
                b.append(escape(k.getNodeValue()));
            } else if (k instanceof Element e) {
                String inner = inline(e);
                switch (e.getLocalName() != null ? e.getLocalName() : e.getTagName()) {
                    case "b" -> b.append("**").append(inner).append("**");
                    case "i" -> b.append('*').append(inner).append('*');
                    case "tt" -> b.append('`').append(inner).append('`');
                    case "sup" -> b.append("2".equals(inner) ? "²" : "^" + inner);
                    default -> b.append(inner);
                }
            }
        }
        return b.toString();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The page under docs/nodes whose first line is "# " + the node's name. */
    static Path page(String nodeName) throws IOException {
        try (Stream<Path> pages = Files.list(DOCS_NODES)) {
            for (Path p : pages.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                if (Files.readAllLines(p).stream().findFirst().orElse("").equals("# " + nodeName)) {
                    return p;
                }
            }
        }
        throw new AssertionError("no page in docs/nodes starts with '# " + nodeName + "'");
    }
}
