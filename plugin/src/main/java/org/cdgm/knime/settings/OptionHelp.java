package org.cdgm.knime.settings;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The one-line help of each option, taken from the node description (the factory's XML, which KNIME shows in its
 * description panel): the first sentence of the option's text. Dialog tooltips and the description therefore
 * cannot say different things; the build's checks (extension-checks, OptionCatalogueTest) apply the same rule and
 * keep each first sentence short enough for a tooltip.
 */
public final class OptionHelp {
    /**
     * A sentence ends at . ! or ? followed by white space and a capital letter, or at the end of the text; the
     * full stops of "e.g." and "i.e." end nothing.
     */
    private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.+?(?<!e\\.g|i\\.e)[.!?])(?=\\s+[A-Z]|\\s*$)",
            Pattern.DOTALL);

    private final Map<String, String> help;

    private OptionHelp(Map<String, String> help) {
        this.help = help;
    }

    /**
     * Reads the description {@code <FactorySimpleName>.xml} next to the factory class.
     *
     * @return the help of every option by its name; empty (no tooltips) when the file cannot be read, which the
     *         build's checks rule out
     */
    public static OptionHelp of(Class<?> factory) {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = factory.getResourceAsStream(factory.getSimpleName() + ".xml")) {
            if (in != null) {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                Document d = f.newDocumentBuilder().parse(in);
                NodeList options = d.getElementsByTagNameNS("*", "option");
                for (int i = 0; i < options.getLength(); i++) {
                    Element o = (Element) options.item(i);
                    out.put(o.getAttribute("name"), firstSentence(o.getTextContent()));
                }
            }
        } catch (Exception e) { // a tooltip is not worth a dialog that does not open
            return new OptionHelp(Map.of());
        }
        return new OptionHelp(out);
    }

    /** The first sentence of a description text, white space collapsed. */
    public static String firstSentence(String text) {
        String t = text.replaceAll("\\s+", " ").trim();
        Matcher m = FIRST_SENTENCE.matcher(t);
        return m.find() ? m.group(1) : t;
    }

    /** The option's one-line help, or null when the description has no option of that name. */
    public String of(String optionName) {
        return help.get(optionName);
    }
}
