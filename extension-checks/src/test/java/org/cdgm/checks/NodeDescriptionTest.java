package org.cdgm.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Every node's description XML is complete and agrees with its dialog and its node model. */
class NodeDescriptionTest {
    static final String NODE_NS = "http://knime.org/node/v4.1";

    static List<String> factories() {
        return PluginXmlTest.factories();
    }

    @ParameterizedTest
    @MethodSource("factories")
    void descriptionIsCompleteAndNamesEveryDialogSetting(String factory) {
        NodeSources node = new NodeSources(factory);
        Path xml = node.description();
        assertTrue(Files.isRegularFile(xml), factory + ": description " + Project.ROOT.relativize(xml) + " missing");
        Document d = Project.xml(xml);
        Element root = d.getDocumentElement();
        assertEquals("knimeNode", root.getLocalName());
        assertEquals(NODE_NS, root.getNamespaceURI(), factory + ": description must use the v4.1 node schema");
        assertTrue(Set.of("Source", "Sink", "Learner", "Predictor", "Manipulator", "Visualizer", "Other")
                .contains(root.getAttribute("type")), factory + ": node type " + root.getAttribute("type"));
        Path icon = node.dir.resolve(root.getAttribute("icon")).normalize();
        assertTrue(Files.isRegularFile(icon), factory + ": icon " + root.getAttribute("icon") + " missing");
        for (String element : new String[] {"name", "shortDescription", "intro"}) {
            List<Element> found = Project.descendants(d, element);
            assertEquals(1, found.size(), factory + ": exactly one <" + element + "> expected");
            assertTrue(found.get(0).getTextContent().trim().length() > 20 || element.equals("name"),
                    factory + ": <" + element + "> says too little");
        }
        assertTrue(Project.descendants(d, "intro").get(0).getTextContent().contains("Example")
                || Project.descendants(d, "intro").get(0).getTextContent().contains("example"),
                factory + ": the intro should give an example");

        List<String> options = new ArrayList<>();
        for (Element o : Project.descendants(d, "option")) {
            options.add(o.getAttribute("name"));
            assertTrue(o.getTextContent().trim().length() > 15, factory + ": option '" + o.getAttribute("name")
                    + "' needs a real explanation");
        }
        assertEquals(new HashSet<>(options).size(), options.size(), factory + ": duplicate option names " + options);
        List<String> labels = node.dialogLabels();
        assertFalse(labels.isEmpty(), factory + ": no dialog labels found");
        Set<String> undocumented = new TreeSet<>(labels);
        undocumented.removeAll(options);
        Set<String> stale = new TreeSet<>(options);
        stale.removeAll(labels);
        assertTrue(undocumented.isEmpty(), factory + ": dialog settings without an <option> in the description: "
                + undocumented);
        assertTrue(stale.isEmpty(), factory + ": <option>s for settings the dialog does not show: " + stale);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void portsMatchTheNodeModel(String factory) {
        NodeSources node = new NodeSources(factory);
        Document d = Project.xml(node.description());
        int[] counts = node.portCounts();
        checkPorts(factory, d, "inPort", counts[0]);
        checkPorts(factory, d, "outPort", counts[1]);
    }

    private static void checkPorts(String factory, Document d, String kind, int expected) {
        List<Element> ports = Project.descendants(d, kind);
        assertEquals(expected, ports.size(), factory + ": the node model has " + expected + " " + kind
                + "s, the description documents " + ports.size());
        Set<Integer> indices = new TreeSet<>();
        for (Element p : ports) {
            indices.add(Integer.parseInt(p.getAttribute("index")));
            assertFalse(p.getAttribute("name").isBlank(), factory + ": " + kind + " without a name");
            assertTrue(p.getTextContent().trim().length() > 15, factory + ": " + kind + " '" + p.getAttribute("name")
                    + "' needs a description");
        }
        for (int i = 0; i < expected; i++) {
            assertTrue(indices.contains(i), factory + ": " + kind + " index " + i + " not documented");
        }
    }
}
