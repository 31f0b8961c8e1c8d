package org.cdgm.knime.nodes.modelwriter;

import java.io.IOException;
import java.nio.file.Path;

import org.cdgm.engine.io.ModelFile;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.port.ContrastiveModelPortObject;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Writes the model on its input port to a model file ({@link ModelFile}: the file {@code ./cdgm genes|de|effects
 * --model} and the Contrastive Model Reader read). The write is atomic ({@code AtomicFiles}: a temporary sibling
 * moved over the target), so a failed write leaves no half-written file and an existing file as it was.
 */
final class ContrastiveModelWriterNodeModel extends SettingsNodeModel<ContrastiveModelWriterNodeSettings> {

    ContrastiveModelWriterNodeModel() {
        super(new PortType[] {ContrastiveModelPortObject.TYPE}, new PortType[0],
                ContrastiveModelWriterNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.check();
        if (inSpecs[0] == null) {
            throw new InvalidSettingsException("Connect a trained contrastive model (from the learner, the tuner or "
                    + "the Contrastive Model Reader)");
        }
        settings.target(); // a folder, or an existing file without overwrite, is refused before anything runs
        return new PortObjectSpec[0];
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        Path file = settings.target(); // again: the file may have appeared since configure
        exec.setMessage("Writing " + file);
        try {
            ModelFile.save(((ContrastiveModelPortObject) inObjects[0]).model(), file);
        } catch (IOException e) {
            // The engine names the file when the file system refuses it (permission denied, ...), not for a plain
            // I/O error such as a full disk; either way no partial file is left.
            String m = String.valueOf(e.getMessage());
            throw m.contains(file.toString()) ? e : new IOException("Cannot write " + file + ": " + m, e);
        }
        return new PortObject[0];
    }
}
