package org.cdgm.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/**
 * The testflows load in KNIME only if their XML is right: every node's settings file exists, connections join
 * existing ports, and each cdgm node's saved settings have exactly the keys and types its settings class reads.
 */
class TestflowTest {
    /** KNIME nodes the testflows may use besides ours: factory -> settings keys they must carry. */
    static final Map<String, Set<String>> KNIME_NODES = Map.of(
            "org.knime.testing.node.differNode.DiffNodeFactory", Set.of("TESTEVALUATOR", "EPSILON"));

    static List<Path> testflows() throws IOException {
        try (Stream<Path> s = Files.list(Project.ROOT.resolve("testflows"))) {
            return s.filter(p -> Files.isRegularFile(p.resolve("workflow.knime"))).sorted().toList();
        }
    }

    /** A node of a workflow: its id, factory, settings file and its ports (1-based; 0 is the variable port). */
    private record FlowNode(int id, String factory, Path settings, int inPorts, int outPorts) {
    }

    @ParameterizedTest
    @MethodSource("testflows")
    void nodesAndConnectionsAreConsistent(Path flow) {
        Map<Integer, FlowNode> nodes = nodes(flow);
        assertTrue(nodes.size() >= 4, flow + ": a testflow chains at least reader/simulator, learner, predictor, "
                + "scorer");
        Set<String> factories = new HashSet<>();
        nodes.values().forEach(n -> factories.add(n.factory));
        for (String needed : new String[] {"learner.ContrastiveVaeLearnerNodeFactory",
            "predictor.ContrastiveVaePredictorNodeFactory", "scorer.IdentifiabilityScorerNodeFactory"}) {
            assertTrue(factories.contains("org.cdgm.knime.nodes." + needed), flow.getFileName() + " lacks " + needed);
        }
        Map<String, Integer> fed = new HashMap<>();
        Element connections = config(Project.xml(flow.resolve("workflow.knime")).getDocumentElement(), "connections");
        for (Element c : Project.children(connections, "config")) {
            Map<String, String> e = entries(c);
            FlowNode src = nodes.get(Integer.parseInt(e.get("sourceID")));
            FlowNode dst = nodes.get(Integer.parseInt(e.get("destID")));
            assertNotNull(src, flow + ": connection from unknown node " + e.get("sourceID"));
            assertNotNull(dst, flow + ": connection to unknown node " + e.get("destID"));
            int sp = Integer.parseInt(e.get("sourcePort"));
            int dp = Integer.parseInt(e.get("destPort"));
            assertTrue(sp >= 1 && sp <= src.outPorts, flow + ": node " + src.id + " has no output port " + sp);
            assertTrue(dp >= 1 && dp <= dst.inPorts, flow + ": node " + dst.id + " has no input port " + dp);
            assertEquals(null, fed.put(dst.id + ":" + dp, src.id), flow + ": input " + dp + " of node " + dst.id
                    + " is connected twice");
        }
        for (FlowNode n : nodes.values()) {
            for (int p = 1; p <= n.inPorts; p++) {
                assertTrue(fed.containsKey(n.id + ":" + p), flow.getFileName() + ": input " + p + " of node #" + n.id
                        + " (" + n.factory + ") is not connected");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("testflows")
    void savedSettingsHaveExactlyTheKeysTheNodesRead(Path flow) {
        for (FlowNode n : nodes(flow).values()) {
            Element model = config(Project.xml(n.settings).getDocumentElement(), "model");
            Map<String, String> saved = new TreeMap<>();
            for (Element e : Project.children(model, "entry")) {
                saved.put(e.getAttribute("key"), e.getAttribute("type"));
            }
            for (Element c : Project.children(model, "config")) {
                assertTrue(c.getAttribute("key").endsWith("_Internals"), n.settings + ": unexpected sub-config "
                        + c.getAttribute("key"));
            }
            if (KNIME_NODES.containsKey(n.factory)) {
                assertTrue(saved.keySet().containsAll(KNIME_NODES.get(n.factory)), n.settings + ": " + saved);
                continue;
            }
            Map<String, String> expected = new TreeMap<>();
            NodeSources node = new NodeSources(n.factory);
            node.settingsKeys().forEach((k, m) -> expected.put(k, NodeSources.entryType(m)));
            // keys added later (SettingsGroup.addLater) may be absent: the testflows stay workflows saved before them
            for (String later : node.laterKeys()) {
                if (!saved.containsKey(later)) {
                    expected.remove(later);
                }
            }
            assertEquals(expected, saved, Project.ROOT.relativize(n.settings) + ": saved settings keys/types differ "
                    + "from what the node reads");
        }
    }

    @ParameterizedTest
    @MethodSource("testflows")
    void workflowsAreSavedResetAndFilesTheyReadExist(Path flow) {
        Element wf = Project.xml(flow.resolve("workflow.knime")).getDocumentElement();
        assertEquals("workflow.knime", wf.getAttribute("key"));
        for (FlowNode n : nodes(flow).values()) {
            Map<String, String> e = entries(Project.xml(n.settings).getDocumentElement());
            assertEquals("IDLE", e.get("state"), n.settings + " must be saved reset (no data, no executed state)");
            assertFalse(Files.exists(n.settings.getParent().resolve("port_1")), n.settings + ": saved with data");
            String path = entries(config(Project.xml(n.settings).getDocumentElement(), "model")).get("path");
            if (path != null && path.startsWith("knime://knime.workflow/")) {
                Path file = flow.resolve(path.substring("knime://knime.workflow/".length())).normalize();
                assertTrue(Files.isRegularFile(file), n.settings + " reads " + path + ", which does not exist");
            }
        }
    }

    private static Map<Integer, FlowNode> nodes(Path flow) {
        Element wf = Project.xml(flow.resolve("workflow.knime")).getDocumentElement();
        Map<Integer, FlowNode> out = new LinkedHashMap<>();
        for (Element c : Project.children(config(wf, "nodes"), "config")) {
            Map<String, String> e = entries(c);
            int id = Integer.parseInt(e.get("id"));
            Path settings = flow.resolve(e.get("node_settings_file"));
            assertTrue(Files.isRegularFile(settings), flow + ": node " + id + " settings file " + settings + " missing");
            String factory = entries(Project.xml(settings).getDocumentElement()).get("factory");
            int in;
            int outPorts;
            if (KNIME_NODES.containsKey(factory)) {
                in = 2; // Table Difference Checker: two tables in, none out
                outPorts = 0;
            } else {
                int[] counts = new NodeSources(factory).portCounts();
                in = counts[0];
                outPorts = counts[1];
            }
            assertTrue(settings.getParent().getFileName().toString().endsWith("(#" + id + ")"),
                    settings + ": folder must end with (#" + id + ")");
            out.put(id, new FlowNode(id, factory, settings, in, outPorts));
        }
        return out;
    }

    private static Element config(Element parent, String key) {
        return Project.children(parent, "config").stream().filter(c -> key.equals(c.getAttribute("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no config '" + key + "'"));
    }

    private static Map<String, String> entries(Element config) {
        Map<String, String> out = new HashMap<>();
        for (Element e : Project.children(config, "entry")) {
            out.put(e.getAttribute("key"), e.getAttribute("value"));
        }
        return out;
    }
}
