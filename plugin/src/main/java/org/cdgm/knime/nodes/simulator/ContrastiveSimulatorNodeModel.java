package org.cdgm.knime.nodes.simulator;

import java.util.List;
import java.util.stream.IntStream;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.table.CellTableWriter;
import org.cdgm.knime.table.EmbeddingColumns;
import org.cdgm.knime.table.NumericCells;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Simulates background and target cells from known latents: port 0 has the cells (condition + genes), port 1
 * the truth per cell ("true shared i", "true salient j"; salient is 0 for background cells by construction).
 */
final class ContrastiveSimulatorNodeModel extends SettingsNodeModel<ContrastiveSimulatorNodeSettings> {
    static final String CONDITION_COLUMN = SimulatedData.CONDITION_COLUMN;
    static final String TRUE_SHARED = "true shared";
    static final String TRUE_SALIENT = "true salient";
    /** The condition column's values (the engine's simulated cells say "background" and "target"). */
    private static final List<String> LABELS = List.of("background", "target");

    ContrastiveSimulatorNodeModel() {
        super(new PortType[0], new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE},
                ContrastiveSimulatorNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        SimulationSettings s = settings.toSimulationSettings();
        return new PortObjectSpec[] {cellSpec(s), truthSpec(s.sharedDim(), s.salientDim())};
    }

    /** Count noise gives whole-number gene columns from 0, which a learner with likelihood AUTO reads as counts. */
    private static DataTableSpec cellSpec(SimulationSettings s) {
        List<String> genes = IntStream.rangeClosed(1, s.genes()).mapToObj(Simulator::geneName).toList();
        return CellTableWriter.spec(CONDITION_COLUMN, LABELS, genes, s.noise().isCount());
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        SimulationSettings s = settings.toSimulationSettings();
        exec.setMessage("Simulating " + (s.backgroundCells() + s.targetCells()) + " cells");
        SimulatedData sim = Simulator.simulate(s);
        CellSet bg = sim.dataset().background();
        CellSet tg = sim.dataset().target();
        AnnotatedMatrix all = sim.cells();
        BufferedDataTable cells = CellTableWriter.write(all, cellSpec(s), CONDITION_COLUMN,
                all.metadata().column(SimulatedData.CONDITION_COLUMN).toArray(String[]::new),
                exec.createSubExecutionContext(0.8));
        BufferedDataContainer truth = exec.createDataContainer(truthSpec(s.sharedDim(), s.salientDim()));
        double[] zeros = new double[s.salientDim()];
        for (int i = 0; i < bg.cells(); i++) {
            truth.addRowToTable(row(bg.cellIds().get(i), sim.backgroundShared()[i], zeros));
        }
        for (int i = 0; i < tg.cells(); i++) {
            truth.addRowToTable(row(tg.cellIds().get(i), sim.targetShared()[i], sim.targetSalient()[i]));
        }
        truth.close();
        return new PortObject[] {cells, truth.getTable()};
    }

    static DataTableSpec truthSpec(int kz, int kt) {
        return new DataTableSpec(EmbeddingColumns.concat(EmbeddingColumns.specs(TRUE_SHARED, kz), EmbeddingColumns.specs(TRUE_SALIENT,
                kt)));
    }


    private static DefaultRow row(String id, double[] shared, double[] salient) {
        return new DefaultRow(new RowKey(id), NumericCells.cells(shared, salient));
    }
}
