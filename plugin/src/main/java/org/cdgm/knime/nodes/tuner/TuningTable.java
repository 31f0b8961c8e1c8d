package org.cdgm.knime.nodes.tuner;

import static org.cdgm.knime.table.NumericCells.orMissing;

import org.cdgm.engine.tuning.TuningFit;
import org.cdgm.engine.tuning.TuningResult;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.BooleanCell.BooleanCellFactory;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;

/**
 * One row per fit of the grid: its candidate, objectives (means over its seeds), held-out loss, seed stability,
 * constraint status, and whether it is on the front. Stability is missing with 1 seed per candidate; epochs are
 * those of the seed passed on.
 */
final class TuningTable {
    private TuningTable() {
    }

    static DataTableSpec spec() {
        return new DataTableSpec(new DataColumnSpec[] {
            col("shared latent size", IntCell.TYPE), col("salient latent size", IntCell.TYPE),
            col("epsilon", DoubleCell.TYPE), col("background loss", DoubleCell.TYPE),
            col("target loss", DoubleCell.TYPE), col("regulariser", DoubleCell.TYPE),
            col("held-out loss", DoubleCell.TYPE), col("salient stability", DoubleCell.TYPE),
            col("shared stability", DoubleCell.TYPE), col("constraint met", BooleanCell.TYPE), col("best epoch", IntCell.TYPE),
            col("epochs run", IntCell.TYPE), col("pareto optimal", BooleanCell.TYPE), col("chosen", BooleanCell.TYPE)});
    }

    static BufferedDataTable write(TuningResult r, ExecutionContext exec) {
        BufferedDataContainer out = exec.createDataContainer(spec());
        for (int i = 0; i < r.fits().size(); i++) {
            TuningFit f = r.fits().get(i);
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long) i), new IntCell(f.candidate().sharedDim()),
                    new IntCell(f.candidate().salientDim()), new DoubleCell(f.candidate().epsilon()),
                    orMissing(f.backgroundLoss()), orMissing(f.targetLoss()), orMissing(f.regulariser()),
                    orMissing(f.heldOutLoss()), orMissing(f.salientStability()), orMissing(f.sharedStability()),
                    constraintCell(f), new IntCell(f.result().bestEpoch()),
                    new IntCell(f.result().history().size()), BooleanCellFactory.create(f.paretoOptimal()),
                    BooleanCellFactory.create(i == r.bestIndex())));
        }
        out.close();
        return out.getTable();
    }

    /** true / false, or a missing cell where nothing was constrained (unconstrained modes). */
    private static org.knime.core.data.DataCell constraintCell(TuningFit f) {
        Boolean met = f.result().constraint().asBoolean();
        return met == null ? DataType.getMissingCell() : BooleanCellFactory.create(met);
    }

    private static DataColumnSpec col(String name, DataType type) {
        return new DataColumnSpecCreator(name, type).createSpec();
    }
}
