package org.cdgm.knime.nodes.modelreader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cdgm.engine.io.ModelFile;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.knime.Nd4jStartup;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.port.ContrastiveModelPortObject;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Reads a model file written by {@code ./cdgm fit}, a Spark fit ({@code SparkFit}) or the Contrastive Model Writer
 * ({@link ModelFile}, formats 1 to 3) onto a contrastive model port.
 *
 * <p>Configure reads the whole file (a model is about 8 bytes per parameter, a few MB) so that its spec (genes,
 * latent sizes, likelihood, batch column) lets downstream nodes configure, and a missing, foreign, truncated,
 * corrupt or newer file is reported before anything runs, in the engine's words ({@code ModelFileException}, which
 * names the file). The model read is kept for execute while the file's size and modification time are unchanged.
 */
final class ContrastiveModelReaderNodeModel extends SettingsNodeModel<ContrastiveModelReaderNodeSettings> {
    /** The last model read, by file, size and modification time; execute reuses the one configure read. */
    private Cached cached;

    private record Cached(String key, ContrastiveModelPortObject port) {
    }

    ContrastiveModelReaderNodeModel() {
        super(new PortType[0], new PortType[] {ContrastiveModelPortObject.TYPE},
                ContrastiveModelReaderNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.check();
        return new PortObjectSpec[] {read(settings.file()).getSpec()};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        Path file = settings.file();
        exec.setMessage("Reading " + file);
        ContrastiveModelPortObject port = read(file);
        cached = null; // the port holds the model from here on
        return new PortObject[] {port};
    }

    @Override
    protected void reset() {
        cached = null;
    }

    /**
     * The model in {@code file}, read again only when the file changed since the last read.
     *
     * @throws InvalidSettingsException with the engine's message (naming the file) when it cannot be read as a model
     */
    private ContrastiveModelPortObject read(Path file) throws InvalidSettingsException {
        String key = key(file);
        Cached c = cached;
        if (key != null && c != null && c.key().equals(key)) {
            return c.port();
        }
        Nd4jStartup.ensureStarted(); // the model's parameters are an ND4J array
        TrainedModel model;
        try {
            model = ModelFile.load(file);
        } catch (IOException e) { // ModelFileException: missing, a folder, foreign, newer, truncated or corrupt
            throw new InvalidSettingsException(e.getMessage(), e);
        }
        ContrastiveModelPortObject port = new ContrastiveModelPortObject(model);
        cached = key == null ? null : new Cached(key, port);
        return port;
    }

    /** The file, its size and modification time; null when they cannot be read (the engine then says why). */
    private static String key(Path file) {
        try {
            return file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return null;
        }
    }
}
