package org.cdgm.knime.nodes.genes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.cdgm.engine.analysis.GeneLoadings;
import org.cdgm.engine.analysis.SalientExpression;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.knime.Nd4jStartup;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.port.ContrastiveModelPortObject;
import org.cdgm.knime.port.ContrastiveModelPortObjectSpec;
import org.cdgm.knime.table.ModelCells;
import org.cdgm.knime.table.NumericCells;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * The salient gene programs of a model: per salient dimension, the genes ranked by their loading over the chosen
 * cells ({@link GeneLoadings}), and, for chosen genes, each cell's expression with and without its salient code
 * ({@link SalientExpression}). A thin adapter, as {@code cdgm genes}.
 */
final class SalientGeneProgramsNodeModel extends SettingsNodeModel<SalientGeneProgramsNodeSettings> {
    /** Cells per call of the decoder for the expression output (bounds the memory of one call). */
    private static final int CHUNK = 4096;

    SalientGeneProgramsNodeModel() {
        super(new PortType[] {ContrastiveModelPortObject.TYPE, BufferedDataTable.TYPE},
                new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE}, SalientGeneProgramsNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.check();
        ContrastiveModelPortObjectSpec model = (ContrastiveModelPortObjectSpec) inSpecs[0];
        DataTableSpec table = (DataTableSpec) inSpecs[1];
        ModelCells.check(model, table);
        if (settings.byCondition()) {
            settings.target.checkTable(table, settings.backgroundLabel.getStringValue());
        }
        return new PortObjectSpec[] {loadingsSpec(), expressionSpec(model.genes(),
                settings.expressionGenes(model.genes()))};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        TrainedModel model = ((ContrastiveModelPortObject) inObjects[0]).model();
        BufferedDataTable table = (BufferedDataTable) inObjects[1];
        GeneLoadings.Settings loadingSettings = settings.engineSettings();
        int[] genes = settings.expressionGenes(model.genes());
        ModelCells.Selection selection = settings.byCondition()
                ? settings.target.selection(genes.length > 0 ? settings.backgroundLabel.getStringValue() : null)
                : ModelCells.Selection.ALL_ROWS;
        Map<Condition, ModelCells.Cells> cells = ModelCells.read(table, model, selection, new int[0],
                exec.createSubProgress(0.2));
        Nd4jStartup.ensureStarted();
        ModelCells.Cells target = cells.get(Condition.TARGET);
        exec.setMessage("Encoding " + target.size() + " cells");
        Posterior targetPosterior = target.posterior(model);
        exec.checkCanceled();
        exec.setProgress(0.3, "Loadings over " + Math.min(target.size(), loadingSettings.maxCells()) + " cells, "
                + loadingSettings.draws() + " draws");
        GeneLoadings.Result loadings = GeneLoadings.compute(model, targetPosterior, target.batchCodes(),
                loadingSettings);
        BufferedDataContainer l = exec.createDataContainer(loadingsSpec());
        for (int k = 0; k < loadings.dimensions(); k++) {
            int rank = 1;
            for (GeneLoadings.Loading g : loadings.ranked(k)) {
                String dimension = "salient_" + g.dimension();
                l.addRowToTable(new DefaultRow(new RowKey(dimension + ": " + g.gene()), new StringCell(dimension),
                        new IntCell(rank++), new StringCell(g.gene()), new DoubleCell(g.loading()),
                        NumericCells.orMissing(g.sd()), new DoubleCell(loadings.dimensionSd()[k])));
            }
        }
        l.close();
        exec.setProgress(0.6);
        BufferedDataContainer e = exec.createDataContainer(expressionSpec(model.genes(), genes));
        if (genes.length > 0) {
            // background cells first (their salient effect should be near 0, a check of the model), then target
            ModelCells.Cells background = cells.get(Condition.BACKGROUND);
            if (background != null) {
                writeExpression(e, model, background, background.posterior(model),
                        settings.backgroundLabel.getStringValue(), genes, exec);
            }
            writeExpression(e, model, target, targetPosterior, settings.byCondition() ? settings.target.target()
                    : null, genes, exec);
        }
        e.close();
        return new PortObject[] {l.getTable(), e.getTable()};
    }

    private static void writeExpression(BufferedDataContainer out, TrainedModel model, ModelCells.Cells cells,
                                        Posterior posterior, String condition, int[] genes, ExecutionContext exec)
            throws Exception {
        for (int start = 0; start < cells.size(); start += CHUNK) {
            exec.checkCanceled();
            exec.setMessage("Expression of cells " + (start + 1) + " to " + Math.min(cells.size(), start + CHUNK)
                    + (condition == null ? "" : " (" + condition + ")"));
            int[] chunk = IntStream.range(start, Math.min(cells.size(), start + CHUNK)).toArray();
            SalientExpression.Result r = SalientExpression.compute(model, posterior, cells.batchCodes(), chunk, genes);
            for (int i = 0; i < chunk.length; i++) {
                List<DataCell> row = new ArrayList<>(1 + 3 * genes.length);
                if (condition != null) {
                    row.add(new StringCell(condition));
                }
                for (int j = 0; j < genes.length; j++) {
                    row.add(new DoubleCell(r.full()[i][j]));
                    row.add(new DoubleCell(r.backgroundOnly()[i][j]));
                    row.add(new DoubleCell(r.effect()[i][j]));
                }
                out.addRowToTable(new DefaultRow(new RowKey(cells.ids().get(chunk[i])), row));
            }
        }
    }

    private static DataTableSpec loadingsSpec() {
        return new DataTableSpec(new DataColumnSpecCreator("dimension", StringCell.TYPE).createSpec(),
                new DataColumnSpecCreator("rank", IntCell.TYPE).createSpec(),
                new DataColumnSpecCreator("gene", StringCell.TYPE).createSpec(),
                new DataColumnSpecCreator("loading", DoubleCell.TYPE).createSpec(),
                new DataColumnSpecCreator("loading_sd", DoubleCell.TYPE).createSpec(),
                new DataColumnSpecCreator("dimension_sd", DoubleCell.TYPE).createSpec());
    }

    /** The condition column (when cells are chosen by it), then per gene G: G, G_background, G_lfc. */
    private DataTableSpec expressionSpec(List<String> modelGenes, int[] genes) throws InvalidSettingsException {
        List<DataColumnSpec> c = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (settings.byCondition()) {
            c.add(new DataColumnSpecCreator(settings.target.column(), StringCell.TYPE).createSpec());
            names.add(settings.target.column());
        }
        for (int g : genes) {
            String name = modelGenes.get(g);
            for (String col : new String[] {name, name + "_background", name + "_lfc"}) {
                if (!names.add(col)) {
                    throw new InvalidSettingsException("The expression output would have two columns '" + col
                            + "' (a gene named like the condition column or another gene's column); leave gene '"
                            + name + "' out of 'Expression genes'");
                }
                c.add(new DataColumnSpecCreator(col, DoubleCell.TYPE).createSpec());
            }
        }
        return new DataTableSpec(c.toArray(DataColumnSpec[]::new));
    }
}
