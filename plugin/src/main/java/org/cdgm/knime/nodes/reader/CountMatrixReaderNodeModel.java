package org.cdgm.knime.nodes.reader;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.io.MatrixFiles;
import org.cdgm.engine.preprocess.ConditionSplit;
import org.cdgm.engine.preprocess.Preprocessing;
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
 * Reads a count matrix (10x folder, h5ad or CSV), keeps expressed / highly variable genes, labels each cell
 * background or target from a metadata column and writes one row per cell. The engine does all reading and
 * checking; this class maps settings in and the matrix out.
 */
final class CountMatrixReaderNodeModel extends SettingsNodeModel<CountMatrixReaderNodeSettings> {
    static final String CONDITION_COLUMN = "condition";

    CountMatrixReaderNodeModel() {
        super(new PortType[0], new PortType[] {BufferedDataTable.TYPE}, CountMatrixReaderNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.check();
        // Gene names are known only once the file is read.
        return new PortObjectSpec[] {(DataTableSpec) null};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        exec.setMessage("Reading " + settings.path.getStringValue());
        AnnotatedMatrix a = MatrixFiles.read(settings.readRequest());
        exec.checkCanceled();
        if (settings.minCells.getIntValue() > 0) {
            a = Preprocessing.filterGenes(a, settings.minCells.getIntValue());
        }
        if (settings.topGenes.getIntValue() > 0 && settings.topGenes.getIntValue() < a.genes().size()) {
            a = Preprocessing.highlyVariableGenes(a, settings.topGenes.getIntValue());
        }
        Condition[] labels = ConditionSplit.labels(a, settings.conditionSource.getStringValue(),
                settings.backgroundSet(), settings.targetSet(), true);
        String[] text = new String[labels.length];
        int dropped = 0;
        for (int i = 0; i < labels.length; i++) {
            text[i] = labels[i] == null ? null : labels[i].name().toLowerCase(java.util.Locale.ROOT);
            dropped += labels[i] == null ? 1 : 0;
        }
        if (dropped > 0) {
            setWarningMessage(dropped + " cells are neither background nor target and were left out");
        }
        return new PortObject[] {CellTableWriter.write(a, CONDITION_COLUMN, text, exec)};
    }
}
