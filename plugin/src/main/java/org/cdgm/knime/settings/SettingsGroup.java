package org.cdgm.knime.settings;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * A node's settings models, saved, validated and loaded together. Each model is a flow-variable-friendly KNIME
 * settings model; turning them into the engine's immutable settings records (where all validation lives) is the
 * job of the node's settings class.
 *
 * <p>Loading is strict: a key that is missing or holds a value of the wrong type is an error, so a typo in a
 * settings file is never silently replaced. The one exception are settings introduced after a node was first
 * released ({@link #addLater}): a workflow saved before them lacks their keys, and they load a stated value
 * instead (KNIME's usual backward-compatibility rule, done once here rather than in every node).
 */
public class SettingsGroup {
    private final List<SettingsModel> models = new ArrayList<>();
    /** Settings added after the first release -> the settings written by their value for older workflows. */
    private final Map<SettingsModel, NodeSettings> whenAbsent = new IdentityHashMap<>();

    protected final <M extends SettingsModel> M add(M model) {
        models.add(model);
        return model;
    }

    /**
     * A setting introduced after the node's first release: a workflow saved without its key(s) loads the model's
     * default value; a key that is present is read as strictly as any other.
     */
    protected final <M extends SettingsModel> M addLater(M model) {
        return addLater(model, model); // a new model holds its default
    }

    /**
     * As {@link #addLater(SettingsModel)}, but a workflow saved without the key loads the value of {@code absent}
     * (a model with the same key, read now) instead of the default: for a new setting whose default would change
     * what an older workflow computes, e.g. "automatic epsilon", which stays off where an epsilon was saved.
     */
    protected final <M extends SettingsModel> M addLater(M model, M absent) {
        NodeSettings old = new NodeSettings("absent");
        absent.saveSettingsTo(old);
        whenAbsent.put(model, old);
        models.add(model);
        return model;
    }

    protected final void addAll(SettingsGroup other) {
        models.addAll(other.models);
        whenAbsent.putAll(other.whenAbsent);
    }

    /** The settings to read {@code m} from: {@code settings}, or the stated value when a later key is absent. */
    private NodeSettingsRO source(SettingsModel m, NodeSettingsRO settings) {
        NodeSettings old = whenAbsent.get(m);
        if (old == null) {
            return settings;
        }
        for (String key : old.keySet()) {
            if (settings.containsKey(key)) {
                return settings; // saved by this version: read strictly
            }
        }
        return old;
    }

    public final void saveTo(NodeSettingsWO settings) {
        for (SettingsModel m : models) {
            m.saveSettingsTo(settings);
        }
    }

    public final void validate(NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : models) {
            m.validateSettings(source(m, settings));
        }
    }

    public final void loadFrom(NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : models) {
            m.loadSettingsFrom(source(m, settings));
        }
    }

    /**
     * Checks the settings as a whole (labels that differ, a latent size the engine accepts, ...). Throws the
     * message the user sees when pressing OK in the dialog.
     */
    public void check() throws InvalidSettingsException {
    }

    /** Runs an engine constructor; its IllegalArgumentException (which names the setting) becomes KNIME's. */
    public static <T> T engine(EngineCall<T> call) throws InvalidSettingsException {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /** An engine call that may reject its settings. */
    @FunctionalInterface
    public interface EngineCall<T> {
        T get();
    }
}
