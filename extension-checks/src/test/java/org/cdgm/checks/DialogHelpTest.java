package org.cdgm.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The node descriptions are the one source of each option's name and help: the dialogs' labels are their option
 * names (NodeDescriptionTest), the dialogs' tooltips are the first sentence of each option's text (the plugin's
 * OptionHelp reads the XML at run time with the rule copied here), and every choice a dialog offers is named in
 * the description by the title the dialog shows (the engine's UserChoice titles), never by its constant name.
 */
class DialogHelpTest {
    /** Same rule as org.cdgm.knime.settings.OptionHelp.firstSentence (the plugin cannot be compiled here). */
    private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.+?(?<!e\\.g|i\\.e)[.!?])(?=\\s+[A-Z]|\\s*$)",
            Pattern.DOTALL);
    /** A constant's name as users should not have to read it: NEGATIVE_BINOMIAL, TEN_X, SEED_STABILITY. */
    private static final Pattern RAW_CONSTANT = Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b");
    private static final int TOOLTIP_MAX = 160;
    private static final String[] ENGINE_PACKAGES = {"org.cdgm.engine.model", "org.cdgm.engine.training",
        "org.cdgm.engine.objectives", "org.cdgm.engine.io", "org.cdgm.engine.data"};

    static List<String> factories() {
        return PluginXmlTest.factories();
    }

    static String firstSentence(String text) {
        String t = text.replaceAll("\\s+", " ").trim();
        Matcher m = FIRST_SENTENCE.matcher(t);
        return m.find() ? m.group(1) : t;
    }

    @Test
    void firstSentenceRuleKeepsAbbreviationsTogether() {
        assertEquals("String column saying which cells are background (e.g. non-targeting guides).",
                firstSentence("String column saying which cells are background (e.g. non-targeting guides). The "
                        + "reader writes it."));
        assertEquals("Weight of the regulariser.", firstSentence("Weight of the regulariser."));
        assertEquals("Feature types to keep, e.g. Gene Expression or Antibody Capture.", firstSentence(
                "Feature types to keep, e.g. Gene Expression or Antibody Capture. Empty: genes only."));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void everyOptionStartsWithATooltipSizedSentence(String factory) {
        Document d = Project.xml(new NodeSources(factory).description());
        List<String> problems = new ArrayList<>();
        for (Element o : Project.descendants(d, "option")) {
            String first = firstSentence(o.getTextContent());
            if (first.length() < 15 || first.length() > TOOLTIP_MAX) {
                problems.add("'" + o.getAttribute("name") + "' (" + first.length() + " characters): " + first);
            }
        }
        assertTrue(problems.isEmpty(), factory + ": the first sentence of an option is its dialog tooltip and must "
                + "say what the option is in 15 to " + TOOLTIP_MAX + " characters: " + problems);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void descriptionNamesChoicesByTheirTitlesNotTheirConstants(String factory) {
        NodeSources node = new NodeSources(factory);
        Document d = Project.xml(node.description());
        String all = withoutCode(d.getDocumentElement());
        Matcher raw = RAW_CONSTANT.matcher(all);
        List<String> found = new ArrayList<>();
        while (raw.find()) {
            found.add(raw.group());
        }
        assertTrue(found.isEmpty(), factory + ": the description shows constant names " + found + "; name choices by "
                + "the titles the dialog shows (UserChoice.title), or put a flow-variable value in <tt>");
        Map<String, Element> options = new LinkedHashMap<>();
        for (Element o : Project.descendants(d, "option")) {
            options.put(o.getAttribute("name"), o);
        }
        for (Map.Entry<String, String> c : node.dialogChoices().entrySet()) {
            Element o = options.get(c.getKey());
            assertTrue(o != null, factory + ": no <option> for the choice '" + c.getKey() + "'");
            String text = o.getTextContent().replaceAll("\\s+", " ");
            for (String title : titles(c.getValue()).values()) {
                assertTrue(text.contains(title), factory + ": option '" + c.getKey() + "' does not name the choice '"
                        + title + "' the dialog shows");
            }
        }
    }

    /** Text of an element without what sits in {@code <tt>} (file names, flow-variable values). */
    private static String withoutCode(Element e) {
        StringBuilder b = new StringBuilder();
        org.w3c.dom.NodeList kids = e.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            org.w3c.dom.Node n = kids.item(i);
            if (n instanceof Element k) {
                if (!"tt".equals(k.getLocalName())) {
                    b.append(withoutCode(k));
                }
            } else if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
                b.append(n.getNodeValue());
            }
        }
        return b.append(' ').toString();
    }

    /**
     * Constant name -> title of an enum a dialog offers: an engine enum implementing UserChoice (read by
     * reflection from the engine on the class path), or a plugin enum declared as {@code NAME("Title", "help")}.
     */
    static Map<String, String> titles(String enumName) {
        for (String pkg : ENGINE_PACKAGES) {
            Class<?> type;
            try {
                type = Class.forName(pkg + "." + enumName);
            } catch (ClassNotFoundException e) {
                continue;
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Object c : type.getEnumConstants()) {
                try {
                    out.put(((Enum<?>) c).name(), (String) type.getMethod("title").invoke(c));
                } catch (ReflectiveOperationException e) {
                    fail(type.getName() + " offered in a dialog has no title(): implement UserChoice");
                }
            }
            return out;
        }
        Pattern decl = Pattern.compile("enum " + enumName + " implements UserChoice \\{(.*?)\\n    \\}",
                Pattern.DOTALL);
        for (String src : Project.pluginSources()) {
            Matcher m = decl.matcher(src);
            if (m.find()) {
                Map<String, String> out = new LinkedHashMap<>();
                Matcher c = Pattern.compile("\\b([A-Z][A-Z0-9_]*)\\(\\s*\"([^\"]+)\"").matcher(m.group(1));
                while (c.find()) {
                    out.put(c.group(1), c.group(2));
                }
                assertTrue(!out.isEmpty(), "enum " + enumName + ": no constants NAME(\"Title\", \"help\") found");
                return out;
            }
        }
        throw new AssertionError("enum " + enumName + " offered in a dialog is neither an engine enum nor a plugin "
                + "enum implementing UserChoice");
    }
}
