package org.cdgm.knime.nodes.de;

import java.util.ArrayList;
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
    /** Groups with fewer cells are left out (with a warning) when every group is analysed, as cdgm de does. */
    static final int MIN_CELLS = 10;
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
        List<String> small = new ArrayList<>();
        for (String g : asked.isEmpty() ? present : asked) {
            if (!present.contains(g)) {
                throw new InvalidSettingsException("No target cell has '" + g + "' in group column '"
                        + settings.group() + "'; its values among the target cells: " + String.join(", ", present));
            }
            int[] cells = IntStream.range(0, values.length).filter(i -> g.equals(values[i])).toArray();
            if (asked.isEmpty() && cells.length < MIN_CELLS) {
                small.add(g + " (" + cells.length + ")");
                continue; // a group named in the settings is analysed whatever its size (the engine needs 2)
            }
            out.put(g, cells);
        }
        if (!small.isEmpty()) {
            setWarningMessage("Left out " + small.size() + " group" + (small.size() == 1 ? "" : "s") + " with fewer "
                    + "than " + MIN_CELLS + " cells (a few cells give overconfident answers; name a group in the "
                    + "settings to analyse it anyway): " + String.join(", ", small));
        }
        if (out.isEmpty()) {
            throw new InvalidSettingsException(small.isEmpty() ? "Group column '" + settings.group() + "' has no "
                    + "value in any target cell (all missing)" : "No group of group column '" + settings.group()
                    + "' has at least " + MIN_CELLS + " target cells: " + String.join(", ", small));
        }
        return out;
    }
}
