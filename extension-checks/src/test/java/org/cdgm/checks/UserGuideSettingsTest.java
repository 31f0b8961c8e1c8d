package org.cdgm.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The user guide's settings tables list exactly the settings the Learner's and the Tuner's dialogs show, under
 * the dialogs' labels, with the defaults the dialogs start from (read from the settings classes and, where they
 * take the engine's defaults, from the engine itself; choices by the title the dialog shows).
 */
class UserGuideSettingsTest {
    private static final String LEARNER = "org.cdgm.knime.nodes.learner.ContrastiveVaeLearnerNodeFactory";
    private static final String TUNER = "org.cdgm.knime.nodes.tuner.MultiObjectiveTunerNodeFactory";
    private static final Pattern ROW = Pattern.compile("^\\| ([^|]+?) \\| ([^|]+?) \\| .*\\|$", Pattern.MULTILINE);
    private static final Pattern ENUM_CONSTANT = Pattern.compile("(\\w+)\\.(\\w+)\\.(?:name|label)\\(\\)");
    private static final Pattern ENGINE_DEFAULT = Pattern.compile("(?:\\(\\w+\\) )?DEFAULTS\\.(\\w+)\\(\\)(\\.name\\(\\))?");
    private static final Pattern DEFAULTS_DECL = Pattern.compile(
            "DEFAULTS = (\\w+)\\.defaults\\((?:(\\w+)\\.(\\w+))?\\)");

    @Test
    void settingsTablesAreTheLearnerAndTunerDialogs() throws Exception {
        String guide = Project.read(Project.ROOT.resolve("docs/user-guide.md"));
        int start = guide.indexOf("\n## Settings\n");
        assertTrue(start >= 0, "docs/user-guide.md has no '## Settings' section");
        int end = guide.indexOf("\n## ", start + 1);
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(guide.substring(start, end < 0 ? guide.length() : end));
        while (row.find()) {
            if (!row.group(1).equals("setting") && !row.group(1).startsWith("---")) {
                documented.put(row.group(1).trim(), row.group(2).trim());
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String factory : new String[] {LEARNER, TUNER}) {
            NodeSources node = new NodeSources(factory);
            String settingsSource = Project.read(node.dir.resolve(node.settingsClass + ".java"));
            for (Map.Entry<String, String> e : node.dialogDefaults().entrySet()) {
                expected.putIfAbsent(e.getKey(), evaluate(e.getValue(), factory));
            }
            assertTrue(settingsSource.length() > 0);
        }
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(documented.keySet());
        TreeSet<String> extra = new TreeSet<>(documented.keySet());
        extra.removeAll(expected.keySet());
        assertTrue(missing.isEmpty(), "docs/user-guide.md settings tables lack dialog settings " + missing);
        assertTrue(extra.isEmpty(), "docs/user-guide.md settings tables list settings no dialog has " + extra);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertTrue(same(e.getValue(), documented.get(e.getKey())), "docs/user-guide.md: default of '"
                    + e.getKey() + "' is '" + documented.get(e.getKey()) + "', the dialog's is '" + e.getValue() + "'");
        }
    }

    @Test
    void defaultsAreComparedAsTheUserReadsThem() {
        assertTrue(same("0.01", "0.010"));
        assertTrue(same("1", "1.0"));
        assertTrue(same("", "empty"));
        assertTrue(!same("0.05", "0.5"));
        assertEquals("Constrained (CO-cVAE)", evaluate("DEFAULTS.mode().name()", LEARNER));
        assertEquals("150", evaluate("DEFAULTS.epochs()", LEARNER));
        assertEquals("on", evaluate("true", LEARNER));
    }

    private static boolean same(String expected, String documented) {
        if (documented == null) {
            return false;
        }
        String d = documented.replace("`", "").replace("*", "").trim();
        if (expected.isEmpty()) {
            return d.equals("empty");
        }
        try {
            return new BigDecimal(expected).compareTo(new BigDecimal(d.replace(",", ""))) == 0;
        } catch (NumberFormatException e) {
            return expected.equals(d);
        }
    }

    /** A default expression as the dialog shows it: literals, an enum constant's title, an engine default. */
    static String evaluate(String expr, String factory) {
        String x = expr.trim();
        if (x.startsWith("\"") && x.endsWith("\"")) {
            return x.substring(1, x.length() - 1);
        }
        if (x.equals("true") || x.equals("false")) { // a check box, as the guide says it
            return x.equals("true") ? "on" : "off";
        }
        if (x.matches("-?[0-9][0-9_.eE+-]*")) {
            return new BigDecimal(x.replace("_", "")).stripTrailingZeros().toPlainString();
        }
        Matcher c = ENUM_CONSTANT.matcher(x);
        if (c.matches()) {
            return DialogHelpTest.titles(c.group(1)).get(c.group(2));
        }
        Matcher d = ENGINE_DEFAULT.matcher(x);
        if (d.matches()) {
            return engineDefault(d.group(1), d.group(2) != null);
        }
        throw new AssertionError(factory + ": cannot evaluate the default '" + expr + "' (add its form to "
                + "UserGuideSettingsTest.evaluate)");
    }

    /** TrainingSettings.defaults(TrainingMode.CONSTRAINED).method(), as TrainingNodeSettings declares DEFAULTS. */
    private static String engineDefault(String method, boolean choice) {
        String src = Project.read(Project.PLUGIN_SOURCES.resolve("org/cdgm/knime/settings/TrainingNodeSettings.java"));
        Matcher decl = DEFAULTS_DECL.matcher(src);
        assertTrue(decl.find(), "TrainingNodeSettings: DEFAULTS = X.defaults(...) not found");
        try {
            Class<?> type = Class.forName("org.cdgm.engine.training." + decl.group(1));
            Object defaults;
            if (decl.group(2) != null) {
                Class<?> arg = Class.forName("org.cdgm.engine.training." + decl.group(2));
                Object constant = arg.getField(decl.group(3)).get(null);
                defaults = type.getMethod("defaults", arg).invoke(null, constant);
            } else {
                defaults = type.getMethod("defaults").invoke(null);
            }
            Object value = type.getMethod(method).invoke(defaults);
            if (choice) {
                return (String) value.getClass().getMethod("title").invoke(value);
            }
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the engine default " + method + ": " + e, e);
        }
    }
}
