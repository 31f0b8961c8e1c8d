package org.cdgm.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** plugin.xml: categories, nodes and the port type point at things that exist. */
class PluginXmlTest {
    static final Path PLUGIN_XML = Project.PLUGIN.resolve("plugin.xml");

    static List<String> factories() {
        List<String> out = new ArrayList<>();
        for (Element n : Project.descendants(Project.xml(PLUGIN_XML), "node")) {
            out.add(n.getAttribute("factory-class"));
        }
        return out;
    }

    @Test
    void everyNodeSitsInTheDeclaredCategoryAndIsUnique() {
        Document d = Project.xml(PLUGIN_XML);
        List<Element> categories = Project.descendants(d, "category");
        assertEquals(1, categories.size(), "one cdgm category expected");
        Element c = categories.get(0);
        String categoryPath = c.getAttribute("path") + "/" + c.getAttribute("level-id");
        assertTrue(Files.isRegularFile(Project.PLUGIN.resolve(c.getAttribute("icon"))), "category icon missing");
        List<Element> nodes = Project.descendants(d, "node");
        assertEquals(12, nodes.size(), "reader, simulator, learner, predictor, tuner, scorer, latent space plot, "
                + "salient gene programs, differential expression, perturbation effects, model reader, model writer");
        for (Element n : nodes) {
            assertEquals(categoryPath, n.getAttribute("category-path"), n.getAttribute("factory-class"));
        }
        assertEquals(nodes.size(), new HashSet<>(factories()).size(), "a factory is registered twice");
    }

    @Test
    void portTypeClassesAndSerializersExist() {
        List<Element> ports = Project.descendants(Project.xml(PLUGIN_XML), "portType");
        assertFalse(ports.isEmpty(), "the model port type must be registered");
        for (Element p : ports) {
            for (String attr : new String[] {"objectClass", "specClass"}) {
                String cls = p.getAttribute(attr);
                Path src = Project.PLUGIN_SOURCES.resolve(cls.replace('.', '/') + ".java");
                assertTrue(Files.isRegularFile(src), attr + " " + cls + " has no source");
                String serializer = p.getAttribute(attr.equals("objectClass") ? "objectSerializer" : "specSerializer");
                assertEquals(cls + "$Serializer", serializer, "serializer of " + cls);
                assertTrue(Project.read(src).contains("public static final class Serializer extends"),
                        cls + " must declare its Serializer as a public static nested class");
            }
        }
    }

    @Test
    void everyRegisteredFactoryHasItsNodeFiles() {
        for (String f : factories()) {
            NodeSources node = new NodeSources(f); // fails with a message if a file is missing
            assertTrue(Files.isRegularFile(node.description()), f);
        }
    }
}
