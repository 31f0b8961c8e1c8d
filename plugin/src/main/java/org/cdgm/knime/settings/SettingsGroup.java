package org.cdgm.knime.settings;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * A node's settings models, saved, validated and loaded together. Each model is a flow-variable-friendly KNIME
 * settings model; turning them into the engine's immutable settings records (where all validation lives) is the
 * job of the node's settings class.
 */
public class SettingsGroup {
    private final List<SettingsModel> models = new ArrayList<>();

    protected final <M extends SettingsModel> M add(M model) {
        models.add(model);
        return model;
    }

    protected final void addAll(SettingsGroup other) {
        models.addAll(other.models);
    }

    public final void saveTo(NodeSettingsWO settings) {
        for (SettingsModel m : models) {
            m.saveSettingsTo(settings);
        }
    }

    public final void validate(NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : models) {
            m.validateSettings(settings);
        }
    }

    public final void loadFrom(NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : models) {
            m.loadSettingsFrom(settings);
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
