package org.cdgm.knime.nodes;

import java.io.File;
import java.util.function.Supplier;

import org.cdgm.knime.settings.SettingsGroup;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortType;

/**
 * Base of every cdgm node model: owns the node's settings group and does the settings plumbing, including a
 * full check of new settings (loaded into a fresh copy) before they are accepted, so the dialog's OK button
 * already reports a bad combination. cdgm nodes keep no state beyond their ports.
 */
public abstract class SettingsNodeModel<S extends SettingsGroup> extends NodeModel {
    private final Supplier<S> factory;
    protected final S settings;

    protected SettingsNodeModel(PortType[] in, PortType[] out, Supplier<S> factory) {
        super(in, out);
        this.factory = factory;
        this.settings = factory.get();
    }

    @Override
    protected final void saveSettingsTo(NodeSettingsWO s) {
        settings.saveTo(s);
    }

    @Override
    protected final void validateSettings(NodeSettingsRO s) throws InvalidSettingsException {
        S candidate = factory.get();
        candidate.validate(s);
        candidate.loadFrom(s);
        candidate.check();
    }

    @Override
    protected final void loadValidatedSettingsFrom(NodeSettingsRO s) throws InvalidSettingsException {
        settings.loadFrom(s);
    }

    @Override
    protected final void loadInternals(File dir, ExecutionMonitor exec) {
        // Nothing beyond the ports, which KNIME saves and loads itself.
    }

    @Override
    protected final void saveInternals(File dir, ExecutionMonitor exec) {
        // Nothing beyond the ports.
    }

    @Override
    protected void reset() {
        // No state between executions.
    }
}
