package org.cdgm.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How a model was made (Tribuo's ModelProvenance): the settings as named values that load back into their records
 * ({@link #settingsAs}, {@link #config()}), a fingerprint of the gene list, the cell counts, the source file, and the
 * engine, ND4J, Java and operating-system versions. Every map keeps a fixed order, so identical fits give identical
 * bytes; the creation time is the one field that differs between them and is kept apart ({@link #created()},
 * excluded from {@link #entries(boolean)} with {@code false}). Text fields are "" and counts -1 when unknown (models
 * saved in format 1 lack the versions; models built outside the trainer lack nearly everything).
 *
 * @param created          when the fit finished; null when unknown
 * @param engineVersion    cdgm engine version ("dev" outside a packaged jar)
 * @param nd4jVersion      ND4J version of the backend that ran the fit
 * @param javaVersion      {@code java.version}
 * @param os               {@code os.name} and {@code os.arch}
 * @param sourceFile       name of the data file the cells came from, set by the caller that read it
 * @param geneListSha256   SHA-256 (hex) of the model's gene names joined by '\n' ({@link #geneListSha256(List)})
 * @param backgroundCells  background cells given to the trainer
 * @param targetCells      target cells given to the trainer
 * @param trainingSettings the training settings record's components as name to text ({@link RecordValues#of})
 * @param modelConfig      the {@link ModelConfig}'s components as name to text
 * @param regulariser      the regulariser as the trainer described it
 * @param bestEpoch        epoch whose parameters were kept
 * @param epochsRun        epochs trained
 * @param constraint       whether the constraint held, as the trainer described it
 * @param threads          OMP_NUM_THREADS during the fit ("null" when unset)
 * @param other            further entries, in order: those of a newer cdgm or a format-1 file this code does not
 *                         know
 */
public record ModelProvenance(Instant created, String engineVersion, String nd4jVersion, String javaVersion,
                              String os, String sourceFile, String geneListSha256, int backgroundCells,
                              int targetCells, Map<String, String> trainingSettings, Map<String, String> modelConfig,
                              String regulariser, int bestEpoch, int epochsRun, String constraint, String threads,
                              Map<String, String> other) {

    /** Prefix of a training setting's key in {@link #entries}. */
    public static final String SETTING = "setting.";
    /** Prefix of a model-configuration value's key in {@link #entries}. */
    public static final String MODEL = "model.";
    /** Key of the batch levels in the model configuration's values; absent when there is no covariate. */
    private static final String BATCH_LEVELS = "batchLevels";
    /** Key of the thread count in the training settings' values (TrainingSettings.threads, added later). */
    private static final String SETTINGS_THREADS = "threads";
    private static final String[] KEYS = {"engine", "nd4j", "java", "os", "source", "geneListSha256",
        "backgroundCells", "targetCells", "regulariser", "bestEpoch", "epochsRun", "constraint", "threads"};

    public ModelProvenance {
        for (String s : new String[] {engineVersion, nd4jVersion, javaVersion, os, sourceFile, geneListSha256,
            regulariser, constraint, threads}) {
            Objects.requireNonNull(s, "provenance text (\"\" when unknown)");
        }
        trainingSettings = ordered(trainingSettings);
        modelConfig = ordered(modelConfig);
        other = ordered(other);
    }

    private static Map<String, String> ordered(Map<String, String> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(m)));
    }

    /** Nothing known but the genes' fingerprint: a model built outside the trainer. */
    public static ModelProvenance unknown(List<String> genes) {
        return new ModelProvenance(null, "", "", "", "", "", geneListSha256(genes), -1, -1, Map.of(), Map.of(), "",
                -1, -1, "", "", Map.of());
    }

    /**
     * The provenance of a fit finishing now, with the versions of this JVM, ND4J and operating system.
     *
     * @param settings the training settings record (its components are stored by name)
     */
    public static ModelProvenance ofFit(String engineVersion, List<String> genes, Record settings, ModelConfig config,
                                        int backgroundCells, int targetCells, String regulariser, int bestEpoch,
                                        int epochsRun, String constraint, String threads) {
        return new ModelProvenance(Instant.now(), engineVersion, installedNd4jVersion(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), "", geneListSha256(genes),
                backgroundCells, targetCells, RecordValues.of(settings), configValues(config), regulariser,
                bestEpoch, epochsRun, constraint, threads, Map.of());
    }

    /**
     * The configuration's values, without batchLevels when there is no covariate: a model without one then has
     * the provenance (and file bytes) it had before covariates existed, and older cdgm versions read it.
     */
    private static Map<String, String> configValues(ModelConfig config) {
        Map<String, String> values = RecordValues.of(config);
        if (config.hasBatchCovariate()) {
            return values;
        }
        Map<String, String> without = new LinkedHashMap<>(values);
        without.remove(BATCH_LEVELS);
        return Collections.unmodifiableMap(without);
    }

    /** The same provenance with the data file's name (a name, not a path: provenance travels with the model). */
    public ModelProvenance withSourceFile(String name) {
        return new ModelProvenance(created, engineVersion, nd4jVersion, javaVersion, os, name, geneListSha256,
                backgroundCells, targetCells, trainingSettings, modelConfig, regulariser, bestEpoch, epochsRun,
                constraint, threads, other);
    }

    /** The same provenance with another creation time (null = unknown); for comparing fits apart from when. */
    public ModelProvenance withCreated(Instant when) {
        return new ModelProvenance(when, engineVersion, nd4jVersion, javaVersion, os, sourceFile, geneListSha256,
                backgroundCells, targetCells, trainingSettings, modelConfig, regulariser, bestEpoch, epochsRun,
                constraint, threads, other);
    }

    /**
     * The training settings loaded back into their record. A model from before the training settings had a thread
     * count loads with "auto" (0), the default now.
     *
     * @throws IllegalArgumentException naming the setting when one is missing (a model from before it existed) or
     *                                  invalid
     */
    public <R extends Record> R settingsAs(Class<R> type) {
        Map<String, String> values = new LinkedHashMap<>(trainingSettings);
        values.putIfAbsent(SETTINGS_THREADS, "0");
        return RecordValues.parse(type, values);
    }

    /** The model configuration loaded back; @throws IllegalArgumentException as {@link #settingsAs}. */
    public ModelConfig config() {
        Map<String, String> values = new LinkedHashMap<>(modelConfig);
        values.putIfAbsent(BATCH_LEVELS, "0"); // a model without a covariate (or from before covariates)
        return RecordValues.parse(ModelConfig.class, values);
    }

    /**
     * Every field as name to text in a fixed order (what the model file stores and the KNIME port view shows):
     * the {@link #KEYS fixed keys}, then {@value #SETTING}name, {@value #MODEL}name and the other entries.
     *
     * @param withCreated whether to put "created" (ISO-8601) first when known
     */
    public Map<String, String> entries(boolean withCreated) {
        Map<String, String> e = new LinkedHashMap<>();
        if (withCreated && created != null) {
            e.put("created", created.toString());
        }
        String[] values = {engineVersion, nd4jVersion, javaVersion, os, sourceFile, geneListSha256,
            Integer.toString(backgroundCells), Integer.toString(targetCells), regulariser, Integer.toString(bestEpoch),
            Integer.toString(epochsRun), constraint, threads};
        for (int i = 0; i < KEYS.length; i++) {
            e.put(KEYS[i], values[i]);
        }
        trainingSettings.forEach((k, v) -> e.put(SETTING + k, v));
        modelConfig.forEach((k, v) -> e.put(MODEL + k, v));
        other.forEach(e::putIfAbsent);
        return Collections.unmodifiableMap(e);
    }

    /**
     * Reads {@link #entries(boolean) entries} back; missing fixed keys become unknown, unknown keys go to
     * {@link #other()}.
     *
     * @throws IllegalArgumentException when a count is not an integer
     */
    public static ModelProvenance fromEntries(Instant created, Map<String, String> entries) {
        Map<String, String> rest = new LinkedHashMap<>(entries);
        String[] v = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            String s = rest.remove(KEYS[i]);
            v[i] = s == null ? "" : s;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, String> other = new LinkedHashMap<>();
        rest.forEach((k, val) -> {
            if (k.startsWith(SETTING)) {
                settings.put(k.substring(SETTING.length()), val);
            } else if (k.startsWith(MODEL)) {
                config.put(k.substring(MODEL.length()), val);
            } else {
                other.put(k, val);
            }
        });
        return new ModelProvenance(created, v[0], v[1], v[2], v[3], v[4], v[5], count(KEYS[6], v[6]),
                count(KEYS[7], v[7]), settings, config, v[8], count(KEYS[9], v[9]), count(KEYS[10], v[10]), v[11],
                v[12], other);
    }

    /**
     * Reads the provenance of a format-1 model file: a map of the trainer's {@code toString()}s. The settings
     * records' {@code Name[a=1, b=2]} texts are split into named values; the gene fingerprint is computed from the
     * genes; the versions were not recorded and stay unknown.
     */
    public static ModelProvenance fromFormat1(Map<String, String> legacy, List<String> genes) {
        Map<String, String> rest = new LinkedHashMap<>(legacy);
        Instant created = null;
        String when = rest.remove("created");
        if (when != null) {
            try {
                created = Instant.parse(when);
            } catch (DateTimeParseException e) {
                rest.put("created", when);
            }
        }
        String engine = rest.getOrDefault("engine", "");
        rest.remove("engine");
        rest.remove("genes"); // the gene count; the model has the genes themselves
        Map<String, String> out = new LinkedHashMap<>();
        out.put("engine", engine.startsWith("cdgm-engine ") ? engine.substring("cdgm-engine ".length()) : engine);
        out.put("geneListSha256", geneListSha256(genes));
        recordText(rest.remove("trainingSettings"), SETTING, out, rest, "trainingSettings");
        recordText(rest.remove("modelConfig"), MODEL, out, rest, "modelConfig");
        rest.forEach(out::putIfAbsent);
        return fromEntries(created, out);
    }

    /** Splits a record's toString, {@code Name[a=1, b=2]}, into prefixed entries; keeps it whole if it is not one. */
    private static void recordText(String text, String prefix, Map<String, String> out, Map<String, String> rest,
                                   String key) {
        if (text == null) {
            return;
        }
        int open = text.indexOf('[');
        if (open < 0 || !text.endsWith("]")) {
            rest.put(key, text);
            return;
        }
        for (String part : text.substring(open + 1, text.length() - 1).split(", ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(prefix + part.substring(0, eq), part.substring(eq + 1));
            }
        }
    }

    private static int count(String key, String text) {
        if (text.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("provenance entry '" + key + "' is not a whole number: '" + text + "'");
        }
    }

    /** SHA-256 of the gene names joined by '\n' (UTF-8), as 64 lower-case hex digits. */
    public static String geneListSha256(List<String> genes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(String.join("\n", genes).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * ND4J's version: the nd4j-api jar carries none, so it is read from the backend jar's Maven properties (or its
     * manifest inside an OSGi bundle); "unknown" when neither is there.
     */
    static String installedNd4jVersion() {
        Class<?> backend = Nd4j.getBackend().getClass();
        for (Class<?> c : new Class<?>[] {Nd4j.class, backend}) {
            Package p = c.getPackage();
            if (p != null && p.getImplementationVersion() != null) {
                return p.getImplementationVersion();
            }
        }
        try (InputStream in = backend.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-native/pom.properties")) {
            if (in != null) {
                Properties props = new Properties();
                props.load(in);
                return props.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
