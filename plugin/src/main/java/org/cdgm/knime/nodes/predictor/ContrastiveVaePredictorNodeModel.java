package org.cdgm.knime.nodes.predictor;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.DatasetValidator;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.knime.Nd4jStartup;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.port.ContrastiveModelPortObject;
import org.cdgm.knime.port.ContrastiveModelPortObjectSpec;
import org.cdgm.knime.table.CellTableWriter;
import org.cdgm.knime.table.EmbeddingColumns;
import org.cdgm.knime.table.ModelCells;
import org.cdgm.knime.table.NumericCells;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.data.append.AppendedColumnRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Appends each cell's shared (z) and salient (t) coordinates, the encoder means, to a table of cells. Genes are
 * found by the names the model was trained on, and so is the batch column of a model trained with one; rows are
 * embedded in chunks so ND4J's per-call cost is paid once per chunk, not once per cell.
 */
final class ContrastiveVaePredictorNodeModel extends SettingsNodeModel<ContrastiveVaePredictorNodeSettings> {
    private static final int CHUNK = 2048;

    ContrastiveVaePredictorNodeModel() {
        super(new PortType[] {ContrastiveModelPortObject.TYPE, BufferedDataTable.TYPE},
                new PortType[] {BufferedDataTable.TYPE}, ContrastiveVaePredictorNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.check();
        ContrastiveModelPortObjectSpec model = (ContrastiveModelPortObjectSpec) inSpecs[0];
        DataTableSpec table = (DataTableSpec) inSpecs[1];
        if (model == null) {
            throw new InvalidSettingsException("Connect a trained contrastive model (from the learner or tuner)");
        }
        if (CellTableWriter.genesChosenAtExecute(table).isPresent()) {
            return new PortObjectSpec[] {null}; // the reader lists its genes once it has run; checked at execute
        }
        ModelCells.geneColumns(table, model.genes());
        ModelCells.batchColumn(table, model.batchColumn());
        return new PortObjectSpec[] {outSpec(table, model.sharedDim(), model.salientDim())};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        TrainedModel model = ((ContrastiveModelPortObject) inObjects[0]).model();
        BufferedDataTable table = (BufferedDataTable) inObjects[1];
        DataTableSpec spec = table.getDataTableSpec();
        int[] genes = ModelCells.geneColumns(spec, model.genes());
        int batch = ModelCells.batchColumn(spec, model.hasBatchCovariate() ? model.batch().column() : "");
        Nd4jStartup.ensureStarted();
        BufferedDataContainer out = exec.createDataContainer(outSpec(spec, model.config().sharedDim(),
                model.config().salientDim()));
        List<DataRow> chunk = new ArrayList<>(CHUNK);
        long n = table.size();
        long done = 0;
        for (DataRow row : table) {
            chunk.add(row);
            if (chunk.size() == CHUNK) {
                embedInto(chunk, genes, batch, model, spec, out);
                done += chunk.size();
                chunk.clear();
                exec.checkCanceled();
                exec.setProgress(done / (double) n, "Embedded " + done + " of " + n + " cells");
            }
        }
        embedInto(chunk, genes, batch, model, spec, out);
        out.close();
        return new PortObject[] {out.getTable()};
    }

    private static void embedInto(List<DataRow> rows, int[] genes, int batch, TrainedModel model, DataTableSpec spec,
                                  BufferedDataContainer out) throws InvalidSettingsException {
        if (rows.isEmpty()) {
            return;
        }
        float[] values = new float[rows.size() * genes.length];
        List<String> ids = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            DataRow r = rows.get(i);
            ids.add(r.getKey().getString());
            for (int g = 0; g < genes.length; g++) {
                values[i * genes.length + g] = (float) NumericCells.value(r, genes[g], spec);
            }
        }
        CellSet cells = new CellSet(Condition.TARGET, new DenseCellMatrix(rows.size(), genes.length, values), ids);
        Likelihood lik = model.config().likelihood();
        DatasetValidator.checkValues(cells, model.genes(), lik.valueDomain());
        int[] codes = null;
        if (batch >= 0) {
            codes = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                DataRow r = rows.get(i);
                DataCell c = r.getCell(batch);
                if (c.isMissing()) {
                    throw new InvalidSettingsException("Row '" + r.getKey() + "' has no value in the batch column '"
                            + model.batch().column() + "'; the model was trained with it as a covariate and needs "
                            + "every cell's batch (one of " + String.join(", ", model.batch().levels()) + ")");
                }
                try {
                    codes[i] = model.batch().code(c instanceof StringValue s ? s.getStringValue() : c.toString());
                } catch (InvalidInputException e) { // a batch unseen in training, named with the known ones
                    throw new InvalidSettingsException("Row '" + r.getKey() + "': " + e.getMessage(), e);
                }
            }
        }
        Embedding e = model.embed(cells.matrix(), codes);
        for (int i = 0; i < rows.size(); i++) {
            out.addRowToTable(new AppendedColumnRow(rows.get(i), NumericCells.cells(e.shared()[i], e.salient()[i])));
        }
    }

    private DataTableSpec outSpec(DataTableSpec in, int kz, int kt) throws InvalidSettingsException {
        DataColumnSpec[] z = EmbeddingColumns.specs(settings.sharedPrefix.getStringValue(), kz);
        DataColumnSpec[] t = EmbeddingColumns.specs(settings.salientPrefix.getStringValue(), kt);
        for (DataColumnSpec c : EmbeddingColumns.concat(z, t)) {
            if (in.containsName(c.getName())) {
                throw new InvalidSettingsException("The input already has a column '" + c.getName() + "'; change "
                        + "'Shared column prefix' or 'Salient column prefix'");
            }
        }
        return new DataTableSpec(in, new DataTableSpec(EmbeddingColumns.concat(z, t)));
    }

}
