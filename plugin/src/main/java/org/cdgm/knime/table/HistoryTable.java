package org.cdgm.knime.table;

import static org.cdgm.knime.table.NumericCells.orMissing;

import java.util.List;

import org.cdgm.engine.training.EpochReport;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;

/** The per-epoch training history as a table: losses, regulariser, MGDA weight alpha and dual variable lambda. */
public final class HistoryTable {
    static final String[] DOUBLE_COLUMNS = {"train background loss", "train target loss", "train regulariser",
        "validation background loss", "validation target loss", "validation regulariser", "alpha (background)",
        "lambda", "seconds"};

    private HistoryTable() {
    }

    public static DataTableSpec spec() {
        DataColumnSpec[] cols = new DataColumnSpec[DOUBLE_COLUMNS.length + 1];
        cols[0] = new DataColumnSpecCreator("epoch", IntCell.TYPE).createSpec();
        for (int i = 0; i < DOUBLE_COLUMNS.length; i++) {
            cols[i + 1] = new DataColumnSpecCreator(DOUBLE_COLUMNS[i], DoubleCell.TYPE).createSpec();
        }
        return new DataTableSpec(cols);
    }

    public static BufferedDataTable write(List<EpochReport> history, ExecutionContext exec) {
        BufferedDataContainer out = exec.createDataContainer(spec());
        for (EpochReport e : history) {
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long) e.epoch() - 1), new IntCell(e.epoch()),
                    orMissing(e.trainBackgroundLoss()), orMissing(e.trainTargetLoss()),
                    orMissing(e.trainRegulariser()), orMissing(e.validationBackgroundLoss()),
                    orMissing(e.validationTargetLoss()), orMissing(e.validationRegulariser()), orMissing(e.meanAlpha()),
                    orMissing(e.lambda()), orMissing(e.seconds())));
        }
        out.close();
        return out.getTable();
    }
}
