package org.cdgm.knime.nodes.de;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.cdgm.engine.analysis.DifferentialExpression;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.knime.Nd4jStartup;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.port.ContrastiveModelPortObject;
import org.cdgm.knime.port.ContrastiveModelPortObjectSpec;
import org.cdgm.knime.table.GeneEffectTable;
import org.cdgm.knime.table.ModelCells;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Differential expression of target cells against their background-like selves (the same cells decoded without
 * their salient codes), per group of target cells: a thin adapter around the engine's
 * {@link DifferentialExpression#salientEffect}, as {@code cdgm de}.
 */
final class DifferentialExpressionNodeModel extends SettingsNodeModel<DifferentialExpressionNodeSettings> {
    /** Share of the progress bar for reading and encoding the cells; the groups take the rest. */
    private static final double READING = 0.2;

    DifferentialExpressionNodeModel() {
        super(new PortType[] {ContrastiveModelPortObject.TYPE, BufferedDataTable.TYPE},
                new PortType[] {BufferedDataTable.TYPE}, DifferentialExpressionNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.check();
        DataTableSpec table = (DataTableSpec) inSpecs[1];
        ModelCells.check((ContrastiveModelPortObjectSpec) inSpecs[0], table);
        settings.cells.checkTable(table, null);
        if (settings.group() != null) {
            int g = ModelCells.column(table, settings.group(), "Group column", true);
            for (String v : settings.groupValues()) {
                ModelCells.checkValue(table.getColumnSpec(g), "Groups", v);
            }
        }
        return new PortObjectSpec[] {GeneEffectTable.spec("group")};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        TrainedModel model = ((ContrastiveModelPortObject) inObjects[0]).model();
        BufferedDataTable table = (BufferedDataTable) inObjects[1];
        DifferentialExpression.Settings de = settings.engineSettings();
        int[] text = settings.group() == null ? new int[0]
                : new int[] {ModelCells.column(table.getDataTableSpec(), settings.group(), "Group column", true)};
        ModelCells.Cells target = ModelCells.read(table, model, settings.cells.selection(null), text,
                exec.createSubProgress(READING / 2)).get(Condition.TARGET);
        Nd4jStartup.ensureStarted();
        exec.setMessage("Encoding " + target.size() + " target cells");
        Posterior posterior = target.posterior(model);
        exec.setProgress(READING);
        Map<String, int[]> groups = groups(target, text.length == 0 ? null : target.text().get(0));
        BufferedDataContainer out = exec.createDataContainer(GeneEffectTable.spec("group"));
        int done = 0;
        for (Map.Entry<String, int[]> g : groups.entrySet()) {
            exec.checkCanceled();
            exec.setProgress(READING + (1 - READING) * done++ / groups.size(), "Group " + g.getKey() + " ("
                    + g.getValue().length + " cells)");
            GeneEffectTable.add(out, g.getKey(), g.getValue().length, DifferentialExpression.salientEffect(model,
                    posterior, target.batchCodes(), g.getValue(), de));
        }
        out.close();
        return new PortObject[] {out.getTable()};
    }

    /**
     * Group name -> indices of its target cells, in the order asked for (or of first appearance); all target cells
     * as one group named by the target label without a group column.
     */
    private Map<String, int[]> groups(ModelCells.Cells target, String[] values) throws InvalidSettingsException {
        Map<String, int[]> out = new LinkedHashMap<>();
        if (values == null) {
            out.put(settings.cells.target(), IntStream.range(0, target.size()).toArray());
            return out;
        }
        Set<String> present = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                present.add(v);
            }
        }
        List<String> asked = settings.groupValues();
        for (String g : asked.isEmpty() ? present : asked) {
            if (!present.contains(g)) {
                throw new InvalidSettingsException("No target cell has '" + g + "' in group column '"
                        + settings.group() + "'; its values among the target cells: " + String.join(", ", present));
            }
            out.put(g, IntStream.range(0, values.length).filter(i -> g.equals(values[i])).toArray());
        }
        if (out.isEmpty()) {
            throw new InvalidSettingsException("Group column '" + settings.group() + "' has no value in any target "
                    + "cell (all missing)");
        }
        return out;
    }
}
