package org.cdgm.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The image outputs and flow variables of the nodes agree with what their descriptions and docs say. Read from the
 * sources as the other checks do: the output port types of the node model's super(...) call, the names its
 * pushFlowVariable... calls push (a literal name, or "cdgm_" + row.metric() for one variable per engine score),
 * the description XML's ports and {@code <tt>cdgm_...</tt>} names, and the node's page under docs/nodes.
 */
class ImagePortsAndFlowVariablesTest {
    private static final String IMAGE = "ImagePortObject.TYPE";
    private static final Pattern OUT_PORTS = Pattern.compile(
            "super\\(\\s*new PortType\\[(?:0\\]|\\]\\s*\\{[^}]*\\})\\s*,\\s*new PortType\\[(?:0\\]|\\]\\s*\\{([^}]*)\\})");
    private static final Pattern PUSH_ANY = Pattern.compile("pushFlowVariable\\w*\\(\\s*\"([^\"]*)\"");
    private static final Pattern PUSH_LITERAL = Pattern.compile("pushFlowVariable\\w*\\(\\s*\"(cdgm_\\w+)\"\\s*,");
    private static final Pattern PUSH_PER_SCORE = Pattern.compile(
            "pushFlowVariable\\w*\\(\\s*\"(cdgm_)\"\\s*\\+\\s*\\w+\\.metric\\(\\)");
    private static final Pattern DOCUMENTED = Pattern.compile("cdgm_[a-z0-9_]*[a-z0-9]");
    private static final Pattern ENGINE_SCORE = Pattern.compile("Row\\(\"(\\w+)\"");
    private static final Path DOCS_NODES = Project.ROOT.resolve("docs/nodes");

    static List<String> factories() {
        return PluginXmlTest.factories();
    }

    /**
     * The node model's output port types, in order, as written (e.g. {@code BufferedDataTable.TYPE}); none for a
     * sink ({@code new PortType[0]}, the Contrastive Model Writer).
     */
    static List<String> outPortTypes(NodeSources node) {
        Matcher m = OUT_PORTS.matcher(node.modelSource);
        if (!m.find()) {
            fail(node.factory + ": the node model's super(new PortType[]..., new PortType[] {...}) call was not found");
        }
        List<String> out = new ArrayList<>();
        if (m.group(1) == null || m.group(1).isBlank()) {
            return out;
        }
        for (String t : m.group(1).split(",")) {
            out.add(t.trim());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("factories")
    void imagePortsAreDescribedAsPngImagesAndComeLast(String factory) {
        NodeSources node = new NodeSources(factory);
        List<String> types = outPortTypes(node);
        Document d = Project.xml(node.description());
        Map<Integer, Element> described = new TreeMap<>();
        for (Element p : Project.descendants(d, "outPort")) {
            described.put(Integer.parseInt(p.getAttribute("index")), p);
        }
        boolean imageSeen = false;
        for (int i = 0; i < types.size(); i++) {
            boolean image = types.get(i).equals(IMAGE);
            Element p = described.get(i);
            assertTrue(p != null, factory + ": output " + i + " (" + types.get(i) + ") is not described");
            boolean saysImage = p.getTextContent().contains("PNG image");
            assertEquals(image, saysImage, factory + ": output " + i + " '" + p.getAttribute("name") + "' is "
                    + types.get(i) + " but its description " + (saysImage ? "says" : "does not say") + " 'PNG image'");
            if (image) {
                assertTrue(p.getAttribute("name").toLowerCase().endsWith("plot"), factory + ": image output " + i
                        + " should be named '... plot', is '" + p.getAttribute("name") + "'");
            }
            // Image outputs were added after the existing ones so that saved workflows keep their connections.
            assertFalse(imageSeen && !image, factory + ": output " + i + " (" + types.get(i) + ") follows an image "
                    + "output; new image outputs go after the existing ones");
            imageSeen |= image;
        }
        if (imageSeen) {
            assertTrue(node.modelSource.contains("PngPorts.spec()") && node.modelSource.contains("PngPorts.of("),
                    factory + ": an image output must get its spec at configure (PngPorts.spec()) and its picture "
                            + "at execute (PngPorts.of(...))");
        }
    }

    @ParameterizedTest
    @MethodSource("factories")
    void pushedFlowVariablesAreTheDocumentedOnes(String factory) {
        NodeSources node = new NodeSources(factory);
        Matcher any = PUSH_ANY.matcher(node.modelSource);
        while (any.find()) {
            assertTrue(any.group(1).startsWith("cdgm_"), factory + ": flow variable '" + any.group(1)
                    + "' must start with cdgm_ so it cannot clash with a user's variables");
        }
        Set<String> pushed = pushedNames(node);
        Set<String> inDescription = documented(Project.read(node.description()));
        assertEquals(pushed, inDescription, factory + ": flow variables pushed by the node model (left) and named as "
                + "<tt>cdgm_...</tt> in the node description (right) differ");
        if (!pushed.isEmpty()) {
            Path page = docsPage(Project.descendants(Project.xml(node.description()), "name").get(0).getTextContent());
            Set<String> inDocs = documented(Project.read(page));
            Set<String> missing = new TreeSet<>(pushed);
            missing.removeAll(inDocs);
            assertTrue(missing.isEmpty(), factory + ": " + Project.ROOT.relativize(page) + " does not name the flow "
                    + "variables " + missing);
        }
    }

    @Test
    void learnerAndScorerPushVariablesAndEveryNodeWithAnImageHasOne() {
        Set<String> withVariables = new TreeSet<>();
        Set<String> withImages = new TreeSet<>();
        for (String f : factories()) {
            NodeSources node = new NodeSources(f);
            if (!pushedNames(node).isEmpty()) {
                withVariables.add(f.substring(f.lastIndexOf('.') + 1));
            }
            if (outPortTypes(node).contains(IMAGE)) {
                withImages.add(f.substring(f.lastIndexOf('.') + 1));
            }
        }
        assertTrue(withVariables.containsAll(Set.of("ContrastiveVaeLearnerNodeFactory",
                "IdentifiabilityScorerNodeFactory")), "flow variables expected from learner and scorer: " + withVariables);
        assertTrue(withImages.containsAll(Set.of("ContrastiveVaeLearnerNodeFactory",
                "IdentifiabilityScorerNodeFactory", "LatentSpacePlotNodeFactory")), "image outputs: " + withImages);
    }

    /** Literal names, and "cdgm_" + each engine score name where the model pushes one variable per score row. */
    private static Set<String> pushedNames(NodeSources node) {
        Set<String> out = new TreeSet<>();
        Matcher lit = PUSH_LITERAL.matcher(node.modelSource);
        while (lit.find()) {
            out.add(lit.group(1));
        }
        Matcher perScore = PUSH_PER_SCORE.matcher(node.modelSource);
        if (perScore.find()) {
            for (String score : engineScoreNames()) {
                out.add(perScore.group(1) + score);
            }
        }
        return out;
    }

    /** Every score name the engine's metrics write as a report row (IdentifiabilityReport, SeedStability). */
    private static Set<String> engineScoreNames() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(Project.ROOT.resolve("engine/src/main/java/org/cdgm/engine/metrics"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = ENGINE_SCORE.matcher(Project.read(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list the engine's metrics sources: " + e.getMessage(), e);
        }
        assertFalse(names.isEmpty(), "no score rows found in the engine's metrics sources");
        return names;
    }

    private static Set<String> documented(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The page under docs/nodes whose first line is "# " + the node's name. */
    private static Path docsPage(String nodeName) {
        try (Stream<Path> files = Files.list(DOCS_NODES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                if (Project.read(f).lines().findFirst().orElse("").equals("# " + nodeName.trim())) {
                    return f;
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list docs/nodes: " + e.getMessage(), e);
        }
        throw new AssertionError("no page in docs/nodes starts with '# " + nodeName.trim() + "'");
    }
}
