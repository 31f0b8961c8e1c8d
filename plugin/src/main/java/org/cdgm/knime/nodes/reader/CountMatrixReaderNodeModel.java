package org.cdgm.knime.nodes.reader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.MatrixFiles;
import org.cdgm.engine.io.MatrixReadRequest;
import org.cdgm.engine.preprocess.CellPreparation;
import org.cdgm.engine.preprocess.PreparationSettings;
import org.cdgm.engine.preprocess.PreparedCells;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.table.CellTableWriter;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Reads a count matrix (10x folder or .h5, h5ad or delimited text), labels each cell background or target, applies
 * the cell and gene filters and writes one row per cell. The engine does all reading, checking and preparing
 * ({@link MatrixFiles}, {@link CellPreparation}, the same path as {@code ./cdgm inspect}); this class maps settings
 * in and the table out.
 */
final class CountMatrixReaderNodeModel extends SettingsNodeModel<CountMatrixReaderNodeSettings> {
    static final String CONDITION_COLUMN = "condition";
    /** Inputs up to this size are read at configure time so that the output spec (genes, metadata) is known. */
    private static final long CONFIGURE_READ_LIMIT = 256L << 20;

    /** The last preparation, reused by execute when settings and files are unchanged since configure. */
    private Prepared cached;

    private record Prepared(String key, PreparedCells cells) {
    }

    CountMatrixReaderNodeModel() {
        super(new PortType[0], new PortType[] {BufferedDataTable.TYPE}, CountMatrixReaderNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.check();
        MatrixReadRequest request = settings.readRequest();
        if (inputBytes(request) > CONFIGURE_READ_LIMIT) {
            // Gene names and metadata are then known only once the file is read at execute.
            return new PortObjectSpec[] {(DataTableSpec) null};
        }
        try {
            PreparedCells p = prepare(request, settings.preparation());
            return new PortObjectSpec[] {CellTableWriter.spec(p.data(), CONDITION_COLUMN)};
        } catch (IOException | InvalidInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        exec.setMessage("Reading " + settings.path.getStringValue());
        PreparedCells p = prepare(settings.readRequest(), settings.preparation());
        exec.checkCanceled();
        if (!p.warnings().isEmpty()) {
            setWarningMessage(String.join("\n", p.warnings()));
        }
        return new PortObject[] {CellTableWriter.write(p.data(), CONDITION_COLUMN, labels(p), exec)};
    }

    @Override
    protected void reset() {
        cached = null;
    }

    private PreparedCells prepare(MatrixReadRequest request, PreparationSettings s) throws IOException {
        String key = request + "|" + s + "|" + lastModified(request);
        Prepared c = cached;
        if (c != null && c.key().equals(key)) {
            return c.cells();
        }
        PreparedCells p = CellPreparation.prepare(MatrixFiles.read(request), s);
        cached = new Prepared(key, p);
        return p;
    }

    private static String[] labels(PreparedCells p) {
        String[] text = new String[p.cells()];
        for (int i = 0; i < text.length; i++) {
            text[i] = p.conditions()[i].name().toLowerCase(java.util.Locale.ROOT); // the settings require a column
        }
        return text;
    }

    private static long inputBytes(MatrixReadRequest r) {
        try (Stream<Path> files = Files.isDirectory(r.path()) ? Files.list(r.path()) : Stream.of(r.path())) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String lastModified(MatrixReadRequest r) {
        long path = r.path().toFile().lastModified();
        long meta = r.metadataFile() == null ? 0 : r.metadataFile().toFile().lastModified();
        return path + "/" + meta;
    }
}
