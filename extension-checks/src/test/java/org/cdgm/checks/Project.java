package org.cdgm.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Files of the repository and small readers for the formats the checks need (XML, OSGi manifests). */
final class Project {
    static final Path ROOT = Path.of(System.getProperty("cdgm.root", "..")).toAbsolutePath().normalize();
    static final Path PLUGIN = ROOT.resolve("plugin");
    static final Path PLUGIN_SOURCES = PLUGIN.resolve("src/main/java");

    private Project() {
    }

    /** Parses an XML file; fails with the file name when it is not well formed. */
    static Document xml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new AssertionError(ROOT.relativize(file) + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Parses XML text (for tests of the checks themselves). */
    static Document xmlText(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName.equals(e.getLocalName() != null ? e.getLocalName()
                    : e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Element> descendants(Document d, String localName) {
        NodeList nodes = d.getElementsByTagNameNS("*", localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** Main attributes of a manifest (continuation lines joined); clauses of a header are split by {@link #clauses}. */
    static Map<String, String> manifest(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            if (line.startsWith(" ") && key != null) {
                value.append(line.substring(1));
                continue;
            }
            if (key != null) {
                out.put(key, value.toString().trim());
            }
            int colon = line.indexOf(':');
            key = colon > 0 ? line.substring(0, colon) : null;
            value = new StringBuilder(colon > 0 ? line.substring(colon + 1) : "");
        }
        if (key != null) {
            out.put(key, value.toString().trim());
        }
        return out;
    }

    /** Splits a header at commas outside quotes: {@code a;x="1,2",b} gives {@code a;x="1,2"} and {@code b}. */
    static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    /** Text of every Java source of the plugin. */
    static List<String> pluginSources() {
        try (java.util.stream.Stream<Path> files = Files.walk(PLUGIN_SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().map(Project::read).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + ROOT.relativize(PLUGIN_SOURCES) + ": " + e.getMessage(), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + ROOT.relativize(file) + ": " + e.getMessage(), e);
        }
    }
}
