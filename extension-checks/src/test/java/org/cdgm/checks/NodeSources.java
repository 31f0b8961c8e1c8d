package org.cdgm.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a node's Java sources declare, read without compiling them (the default build has no KNIME): the node
 * model and dialog the factory creates, the model's port counts, the dialog's labels and the settings keys with
 * the type of settings model that stores each. The conventions it relies on are the ones the nodes follow
 * (see the developer guide); a node that breaks them fails these checks with a message saying which.
 */
final class NodeSources {
    private static final Pattern FACTORY_MODEL = Pattern.compile("extends DialogNodeFactory<(\\w+)>");
    private static final Pattern FACTORY_DIALOG = Pattern.compile("return new (\\w+Dialog)\\(\\)");
    private static final Pattern MODEL_SETTINGS = Pattern.compile("extends SettingsNodeModel<(\\w+)>");
    private static final Pattern PORTS = Pattern.compile("super\\(\\s*new PortType\\[(?:0\\]|\\]\\s*\\{([^}]*)\\})"
            + "\\s*,\\s*new PortType\\[(?:0\\]|\\]\\s*\\{([^}]*)\\})");
    private static final Pattern LABEL = Pattern.compile("new DialogComponent(\\w+)\\(\\s*[\\w.]+\\s*,\\s*\"([^\"]+)\"");
    /** DescribedSettingsPane's builders: number(model, "Label", ...), choice(...), optionalColumn(...), file(...), ... */
    private static final Pattern PANE_LABEL = Pattern.compile(
            "\\b(number|text|check|choice|column|optionalColumn|valueOf|prefix|file)\\(\\s*([\\w.]+)\\s*,\\s*\"([^\"]+)\"");
    /**
     * A settings model field and its default: {@code final X name = add(new SettingsModelX(CFG_.., default, ...} or
     * {@code addLater(new SettingsModelX(CFG_.., default), new SettingsModelX(...))} (the value for older workflows).
     */
    private static final Pattern FIELD_DEFAULT = Pattern.compile("final \\w+ (\\w+) = add(?:Later)?\\(new "
            + "SettingsModel\\w+\\(\\s*CFG_\\w+\\s*,\\s*(\"[^\"]*\"|[^,]+?)\\s*(?:,|\\)\\);|\\)(?=,\\s*new\\s))");
    /** choice(model, "Label", SomeEnum.values()...): the enum whose titles the dialog shows. */
    private static final Pattern CHOICE = Pattern.compile(
            "\\bchoice\\(\\s*[\\w.]+\\s*,\\s*\"([^\"]+)\"\\s*,\\s*(\\w+)\\.values\\(\\)");
    private static final Pattern FILE_CHOOSER_GROUP = Pattern.compile(
            "createNewGroup\\(\"([^\"]+)\"\\);\\s*(?:pane\\.)?addDialogComponent\\(new DialogComponentFileChooser");
    private static final Pattern HELPER_CALL = Pattern.compile("SettingsDialogs\\.(\\w+)\\(");
    private static final Pattern METHOD = Pattern.compile("public static void (\\w+)\\(");
    private static final Pattern KEY_CONSTANT = Pattern.compile("String (CFG_\\w+) = \"([^\"]+)\"");
    private static final Pattern ADD_MODEL = Pattern.compile(
            "add(?:Later)?\\(new (SettingsModel\\w+)\\(\\s*(CFG_\\w+)");
    /** SettingsGroup.addLater: a key introduced after the first release, absent from older workflows. */
    private static final Pattern ADD_LATER = Pattern.compile("addLater\\(new SettingsModel\\w+\\(\\s*(CFG_\\w+)");
    private static final Pattern GROUP_FIELD = Pattern.compile("final (\\w+Settings) (\\w+) = new \\1\\(\\)");
    private static final Pattern ADD_ALL = Pattern.compile("addAll\\((\\w+)\\)");

    final String factory;
    final Path dir;
    final String factorySource;
    final String modelSource;
    final String dialogSource;
    final String settingsClass;

    NodeSources(String factoryClass) {
        this.factory = factoryClass;
        Path file = Project.PLUGIN_SOURCES.resolve(factoryClass.replace('.', '/') + ".java");
        assertTrue(Files.isRegularFile(file), "plugin.xml names factory " + factoryClass + " but "
                + Project.ROOT.relativize(file) + " does not exist");
        dir = file.getParent();
        factorySource = Project.read(file);
        modelSource = Project.read(dir.resolve(group(FACTORY_MODEL, factorySource, "node model type") + ".java"));
        dialogSource = Project.read(dir.resolve(group(FACTORY_DIALOG, factorySource, "dialog") + ".java"));
        settingsClass = group(MODEL_SETTINGS, modelSource, "settings type of the node model");
    }

    Path description() {
        return dir.resolve(factory.substring(factory.lastIndexOf('.') + 1) + ".xml");
    }

    /** Number of input and output ports the node model declares. */
    int[] portCounts() {
        Matcher m = PORTS.matcher(modelSource);
        if (!m.find()) {
            fail(factory + ": the node model's super(new PortType[]..., new PortType[]...) call was not found");
        }
        return new int[] {count(m.group(1)), count(m.group(2))};
    }

    private static int count(String list) {
        return list == null || list.isBlank() ? 0 : list.split(",").length;
    }

    /** Every label the dialog shows next to a setting, including those of shared dialog sections. */
    List<String> dialogLabels() {
        List<String> labels = labels(dialogSource);
        Map<String, List<String>> helpers = helperLabels();
        Matcher call = HELPER_CALL.matcher(dialogSource);
        while (call.find()) {
            List<String> l = helpers.get(call.group(1));
            assertTrue(l != null, factory + ": dialog calls unknown SettingsDialogs." + call.group(1));
            labels.addAll(l);
        }
        return labels;
    }

    private static List<String> labels(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = LABEL.matcher(source);
        while (m.find()) {
            if (!m.group(1).equals("FileChooser")) {
                out.add(m.group(2));
            }
        }
        Matcher p = PANE_LABEL.matcher(source);
        while (p.find()) {
            out.add(p.group(3));
        }
        Matcher f = FILE_CHOOSER_GROUP.matcher(source);
        while (f.find()) {
            out.add(f.group(1));
        }
        return out;
    }

    /** Option label -> simple name of the enum whose titles the dialog offers, for every choice(...) call. */
    Map<String, String> dialogChoices() {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>(List.of(dialogSource));
        Map<String, String> helpers = helperSources();
        Matcher call = HELPER_CALL.matcher(dialogSource);
        while (call.find()) {
            sources.add(helpers.get(call.group(1)));
        }
        for (String src : sources) {
            Matcher m = CHOICE.matcher(src);
            while (m.find()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    /**
     * Dialog label -> default value expression of the settings model behind it (e.g. "Epochs" ->
     * "DEFAULTS.epochs()"), for the labels made by DescribedSettingsPane's builders, shared sections included.
     */
    Map<String, String> dialogDefaults() {
        Map<String, String> fields = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve(settingsClass + ".java"));
        for (int i = 0; i < files.size(); i++) {
            String src = Project.read(files.get(i));
            fields.putAll(pairs(FIELD_DEFAULT, src));
            Matcher g = GROUP_FIELD.matcher(src);
            while (g.find()) {
                files.add(Project.PLUGIN_SOURCES.resolve("org/cdgm/knime/settings/" + g.group(1) + ".java"));
            }
        }
        List<String> sources = new ArrayList<>(List.of(dialogSource));
        Map<String, String> helpers = helperSources();
        Matcher call = HELPER_CALL.matcher(dialogSource);
        while (call.find()) {
            sources.add(helpers.get(call.group(1)));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String src : sources) {
            Matcher m = PANE_LABEL.matcher(src);
            while (m.find()) {
                String field = m.group(2).substring(m.group(2).lastIndexOf('.') + 1);
                String expr = fields.get(field);
                assertTrue(expr != null, factory + ": no settings model field '" + field + "' with a default found");
                out.put(m.group(3), expr);
            }
        }
        return out;
    }

    /** Labels per method of SettingsDialogs. */
    private static Map<String, List<String>> helperLabels() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        helperSources().forEach((name, src) -> out.put(name, labels(src)));
        return out;
    }

    /** Source text per public static method of SettingsDialogs. */
    private static Map<String, String> helperSources() {
        String src = Project.read(Project.PLUGIN_SOURCES.resolve("org/cdgm/knime/settings/SettingsDialogs.java"));
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = METHOD.matcher(src);
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            spans.add(new int[] {m.start()});
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : src.length();
            out.put(names.get(i), src.substring(spans.get(i)[0], end));
        }
        return out;
    }

    /** Settings key -> settings model class, for everything the node's settings group saves. */
    Map<String, String> settingsKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        collectKeys(dir.resolve(settingsClass + ".java"), keys);
        return keys;
    }

    /** The settings keys added later (SettingsGroup.addLater): older workflows may lack them. */
    java.util.Set<String> laterKeys() {
        java.util.Set<String> later = new java.util.TreeSet<>();
        collectKeys(dir.resolve(settingsClass + ".java"), new LinkedHashMap<>(), later);
        return later;
    }

    private void collectKeys(Path file, Map<String, String> keys) {
        collectKeys(file, keys, new java.util.TreeSet<>());
    }

    private void collectKeys(Path file, Map<String, String> keys, java.util.Set<String> later) {
        String src = Project.read(file);
        Map<String, String> constants = pairs(KEY_CONSTANT, src);
        Matcher l = ADD_LATER.matcher(src);
        while (l.find()) {
            later.add(constants.get(l.group(1)));
        }
        Matcher a = ADD_MODEL.matcher(src);
        while (a.find()) {
            String key = constants.get(a.group(2));
            assertTrue(key != null, file.getFileName() + ": constant " + a.group(2) + " is not declared there");
            assertTrue(keys.put(key, a.group(1)) == null, factory + ": settings key '" + key + "' is used twice");
        }
        Map<String, String> groups = pairs(GROUP_FIELD, src, 2, 1);
        Matcher all = ADD_ALL.matcher(src);
        while (all.find()) {
            String type = groups.get(all.group(1));
            if (type == null) {
                continue; // addAll(other) inside SettingsGroup itself
            }
            collectKeys(Project.PLUGIN_SOURCES.resolve("org/cdgm/knime/settings/" + type + ".java"), keys, later);
        }
    }

    /** Every match of {@code p} as (group 1 -> group 2). */
    private static Map<String, String> pairs(Pattern p, String src) {
        return pairs(p, src, 1, 2);
    }

    private static Map<String, String> pairs(Pattern p, String src, int keyGroup, int valueGroup) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = p.matcher(src);
        while (m.find()) {
            out.put(m.group(keyGroup), m.group(valueGroup));
        }
        return out;
    }

    /** The KNIME config entry type a settings model writes. */
    static String entryType(String settingsModel) {
        return switch (settingsModel) {
            case "SettingsModelString" -> "xstring";
            case "SettingsModelInteger", "SettingsModelIntegerBounded" -> "xint";
            case "SettingsModelDouble", "SettingsModelDoubleBounded" -> "xdouble";
            case "SettingsModelBoolean" -> "xboolean";
            case "SettingsModelLong", "SettingsModelLongBounded" -> "xlong";
            default -> throw new AssertionError("no entry type known for " + settingsModel);
        };
    }

    private String group(Pattern p, String source, String what) {
        Matcher m = p.matcher(source);
        if (!m.find()) {
            fail(factory + ": cannot find the " + what + " (pattern " + p + ")");
        }
        return m.group(1);
    }
}
