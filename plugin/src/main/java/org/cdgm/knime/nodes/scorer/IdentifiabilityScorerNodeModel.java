package org.cdgm.knime.nodes.scorer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cdgm.engine.metrics.IdentifiabilityReport;
import org.cdgm.engine.metrics.IdentifiabilityScorer;
import org.cdgm.engine.metrics.SeedStability;
import org.cdgm.engine.plot.PlotSize;
import org.cdgm.engine.plot.ScoresPlot;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.nodes.scorer.IdentifiabilityScorerNodeSettings.Reference;
import org.cdgm.knime.port.PngPorts;
import org.cdgm.knime.table.ContrastiveTableReader;
import org.cdgm.knime.table.EmbeddingColumns;
import org.cdgm.knime.table.NumericCells;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.image.ImagePortObject;

/**
 * Scores identifiability of learned coordinates (first input, e.g. the predictor's output) against a reference
 * (second input, matched by row ID): the true latents of simulated data (MCC, block R^2, leakage) or a second fit
 * with another seed (stability). Optional gates fail the node when MCC is too low, for automated pipelines.
 */
final class IdentifiabilityScorerNodeModel extends SettingsNodeModel<IdentifiabilityScorerNodeSettings> {
    private static final long METRIC_SEED = 1;

    IdentifiabilityScorerNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE},
                new PortType[] {BufferedDataTable.TYPE, ImagePortObject.TYPE}, IdentifiabilityScorerNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.check();
        DataTableSpec learned = (DataTableSpec) inSpecs[0];
        DataTableSpec reference = (DataTableSpec) inSpecs[1];
        ContrastiveTableReader.checkLabel(learned.getColumnSpec(conditionIndex(learned)), "Target",
                settings.targetLabel.getStringValue());
        EmbeddingColumns.find(learned, settings.learnedShared.getStringValue(), "Learned shared prefix");
        EmbeddingColumns.find(learned, settings.learnedSalient.getStringValue(), "Learned salient prefix");
        EmbeddingColumns.find(reference, settings.referenceShared.getStringValue(), "Reference shared prefix");
        EmbeddingColumns.find(reference, settings.referenceSalient.getStringValue(), "Reference salient prefix");
        return new PortObjectSpec[] {spec(), PngPorts.spec()};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        BufferedDataTable learned = (BufferedDataTable) inObjects[0];
        BufferedDataTable reference = (BufferedDataTable) inObjects[1];
        Coordinates mine = Coordinates.read(learned, settings.learnedShared.getStringValue(),
                settings.learnedSalient.getStringValue(), conditionIndex(learned.getDataTableSpec()),
                settings.targetLabel.getStringValue());
        Coordinates ref = Coordinates.read(reference, settings.referenceShared.getStringValue(),
                settings.referenceSalient.getStringValue(), -1, null).alignedTo(mine);
        int targets = 0;
        for (boolean t : mine.target) {
            targets += t ? 1 : 0;
        }
        if (targets == 0 || (targets == mine.target.length && settings.referenceKind() == Reference.KNOWN_LATENTS)) {
            throw new InvalidSettingsException((targets == 0 ? "No row" : "Every row") + " of condition column '"
                    + settings.conditionColumn.getStringValue() + "' has the target label '"
                    + settings.targetLabel.getStringValue() + "'; the salient scores need target cells and the "
                    + "leakage scores background cells: set 'Target label' to the value that marks perturbed cells");
        }
        exec.setMessage("Scoring " + mine.ids.size() + " cells");
        List<IdentifiabilityReport.Row> rows;
        double sharedMcc;
        double salientMcc;
        if (settings.referenceKind() == Reference.KNOWN_LATENTS) {
            IdentifiabilityReport r = new IdentifiabilityScorer(METRIC_SEED).score(ref.shared(false),
                    ref.shared(true), ref.salient(true), mine.shared(false), mine.shared(true), mine.salient(true),
                    mine.salient(false));
            rows = r.rows();
            sharedMcc = r.sharedMcc();
            salientMcc = r.salientMcc();
        } else {
            SeedStability s = SeedStability.of(mine.sharedAll(), ref.sharedAll(), mine.salient(true),
                    ref.salient(true), METRIC_SEED);
            rows = s.rows();
            sharedMcc = s.sharedMcc();
            salientMcc = s.salientMcc();
        }
        gate("shared", sharedMcc, settings.minSharedMcc.getDoubleValue());
        gate("salient", salientMcc, settings.minSalientMcc.getDoubleValue());
        BufferedDataContainer out = exec.createDataContainer(spec());
        for (IdentifiabilityReport.Row r : rows) {
            out.addRowToTable(new DefaultRow(new RowKey(r.metric()), new StringCell(r.metric()),
                    new DoubleCell(r.value()), new StringCell(r.meaning())));
        }
        out.close();
        for (IdentifiabilityReport.Row r : rows) {
            // One variable per score, named after the metric column: cdgm_shared_mcc, cdgm_stability_salient_mcc, ...
            pushFlowVariableDouble("cdgm_" + r.metric(), r.value());
        }
        return new PortObject[] {out.getTable(), PngPorts.of(ScoresPlot.render(rows, PlotSize.DEFAULT))};
    }

    private static void gate(String block, double mcc, double min) {
        if (mcc < min) {
            throw new IllegalStateException(String.format("Quality gate failed: %s MCC %.3f is below the required "
                    + "%.3f (setting 'Minimum %s MCC')", block, mcc, min, block));
        }
    }

    private int conditionIndex(DataTableSpec spec) throws InvalidSettingsException {
        int i = spec.findColumnIndex(settings.conditionColumn.getStringValue());
        if (i < 0 || !spec.getColumnSpec(i).getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("Condition column '" + settings.conditionColumn.getStringValue()
                    + "' must be a string column of the first input (the cells with learned coordinates)");
        }
        return i;
    }

    private static DataTableSpec spec() {
        return new DataTableSpec(new DataColumnSpecCreator("metric", StringCell.TYPE).createSpec(),
                new DataColumnSpecCreator("value", DoubleCell.TYPE).createSpec(),
                new DataColumnSpecCreator("meaning", StringCell.TYPE).createSpec());
    }

    /** Shared and salient coordinates per cell, in the order of the learned table, with a target flag. */
    private record Coordinates(List<String> ids, double[][] shared, double[][] salient, boolean[] target) {
        static Coordinates read(BufferedDataTable t, String sharedPrefix, String salientPrefix, int conditionCol,
                                String targetLabel) throws InvalidSettingsException {
            DataTableSpec spec = t.getDataTableSpec();
            int[] zCols = EmbeddingColumns.find(spec, sharedPrefix, sharedPrefix);
            int[] sCols = EmbeddingColumns.find(spec, salientPrefix, salientPrefix);
            int n = (int) t.size();
            List<String> ids = new ArrayList<>(n);
            double[][] z = new double[n][zCols.length];
            double[][] s = new double[n][sCols.length];
            boolean[] target = new boolean[n];
            int i = 0;
            for (DataRow r : t) {
                ids.add(r.getKey().getString());
                for (int j = 0; j < zCols.length; j++) {
                    z[i][j] = NumericCells.value(r, zCols[j], spec);
                }
                for (int j = 0; j < sCols.length; j++) {
                    s[i][j] = NumericCells.value(r, sCols[j], spec);
                }
                if (conditionCol >= 0) {
                    DataCell c = r.getCell(conditionCol);
                    target[i] = !c.isMissing() && targetLabel.equals(((StringValue) c).getStringValue());
                }
                i++;
            }
            return new Coordinates(ids, z, s, target);
        }

        /** This reference's rows in the order of {@code learned}; every learned cell must be present. */
        Coordinates alignedTo(Coordinates learned) throws InvalidSettingsException {
            Map<String, Integer> at = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                at.put(ids.get(i), i);
            }
            int n = learned.ids.size();
            double[][] z = new double[n][];
            double[][] s = new double[n][];
            for (int i = 0; i < n; i++) {
                Integer j = at.get(learned.ids.get(i));
                if (j == null) {
                    throw new InvalidSettingsException("Row '" + learned.ids.get(i) + "' of the learned coordinates "
                            + "is not in the reference table; both inputs must describe the same cells (row IDs)");
                }
                z[i] = shared[j];
                s[i] = salient[j];
            }
            return new Coordinates(learned.ids, z, s, learned.target);
        }

        double[][] sharedAll() {
            return shared;
        }

        double[][] shared(boolean targetCells) {
            return pick(shared, targetCells);
        }

        double[][] salient(boolean targetCells) {
            return pick(salient, targetCells);
        }

        private double[][] pick(double[][] m, boolean targetCells) {
            List<double[]> out = new ArrayList<>();
            for (int i = 0; i < m.length; i++) {
                if (target[i] == targetCells) {
                    out.add(m[i]);
                }
            }
            return out.toArray(double[][]::new);
        }
    }
}
