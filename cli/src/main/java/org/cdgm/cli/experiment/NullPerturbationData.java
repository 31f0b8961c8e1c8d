package org.cdgm.cli.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;

/**
 * A simulated screen with perturbations that do nothing, like knockouts whose guides failed: the simulator draws
 * {@code background + blocks x nullCells} background cells (t = 0) and the target cells; the last
 * {@code blocks x nullCells} background cells are moved into the target set in blocks labelled null_1 .. null_B, the
 * real target cells are labelled by the true mixture component of their salient code, comp_1 .. comp_K (each
 * component is a perturbation with its own salient effect).
 *
 * @param sim     the simulation, with all its background cells (the null block last)
 * @param dataset what the model is fitted to: the first {@code background} background cells, and as target cells
 *                the simulated target cells followed by the null blocks
 * @param labels  per target cell of {@code dataset} its label
 * @param real    number of real target cells: rows 0 .. real - 1 of the dataset's target cells, in the simulation's
 *                order (so {@link SimulatedData#trueSalientEffect()} row i is target row i)
 */
record NullPerturbationData(SimulatedData sim, ContrastiveDataset dataset, String[] labels, int real) {
    /** What the labels of the null blocks start with. */
    static final String NULL_PREFIX = "null_";

    /** The label of a real target cell whose salient code came from component {@code k} (0-based). */
    static String componentLabel(int k) {
        return "comp_" + (k + 1);
    }

    /** Whether a label is one of the null blocks'. */
    static boolean isNull(String label) {
        return label.startsWith(NULL_PREFIX);
    }

    /**
     * @param settings  the simulation without the null blocks (its background cells stay background)
     * @param blocks    null labels (>= 1)
     * @param blockCells background cells drawn in addition and moved to the target set per null label (>= 1)
     */
    static NullPerturbationData create(SimulationSettings settings, int blocks, int blockCells) {
        int nb = settings.backgroundCells();
        int nullCells = blocks * blockCells;
        SimulatedData sim = Simulator.simulate(settings.withSize(nb + nullCells, settings.targetCells(),
                settings.genes()));
        CellSet allBackground = sim.dataset().background();
        CellSet target = sim.dataset().target();
        int nt = target.cells();
        int[] kept = IntStream.range(0, nb).toArray();
        int[] moved = IntStream.range(nb, nb + nullCells).toArray();
        CellSet background = new CellSet(Condition.BACKGROUND, rows(allBackground.matrix(), kept),
                allBackground.cellIds().subList(0, nb));
        int g = sim.dataset().geneCount();
        float[] values = new float[(nt + nullCells) * g];
        float[] part = new float[nullCells * g];
        target.matrix().copyRows(IntStream.range(0, nt).toArray(), values);
        allBackground.matrix().copyRows(moved, part);
        System.arraycopy(part, 0, values, nt * g, part.length);
        List<String> ids = new ArrayList<>(target.cellIds());
        ids.addAll(allBackground.cellIds().subList(nb, nb + nullCells));
        CellSet targets = new CellSet(Condition.TARGET, new DenseCellMatrix(nt + nullCells, g, values), ids);
        String[] labels = new String[nt + nullCells];
        for (int i = 0; i < nt; i++) {
            labels[i] = componentLabel(sim.targetSalientComponent()[i]);
        }
        for (int i = nt; i < labels.length; i++) {
            labels[i] = NULL_PREFIX + ((i - nt) / blockCells + 1);
        }
        return new NullPerturbationData(sim, new ContrastiveDataset(sim.dataset().genes(), background, targets),
                labels, nt);
    }

    private static CellMatrix rows(CellMatrix m, int[] rows) {
        float[] values = new float[rows.length * m.genes()];
        m.copyRows(rows, values);
        return new DenseCellMatrix(rows.length, m.genes(), values);
    }
}
