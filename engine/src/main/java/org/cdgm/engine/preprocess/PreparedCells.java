package org.cdgm.engine.preprocess;

import java.util.List;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.InvalidInputException;

/**
 * The cells and genes kept by {@link CellPreparation}, with their conditions and the tally of what was left out.
 *
 * @param data       kept cells x kept genes, metadata of the kept cells, every warning of reading and preparing
 * @param conditions per kept cell BACKGROUND or TARGET, or null when no condition column was set
 * @param cellsRead  cells in the matrix as read
 */
public record PreparedCells(AnnotatedMatrix data, Condition[] conditions, int cellsRead) {

    public int cells() {
        return data.cellIds().size();
    }

    /** Cells read but not kept, for any reason (missing condition, other values, cell filters). */
    public int dropped() {
        return cellsRead - cells();
    }

    /** Background cells kept, or -1 without a condition column. */
    public int background() {
        return count(Condition.BACKGROUND);
    }

    /** Target cells kept, or -1 without a condition column. */
    public int target() {
        return count(Condition.TARGET);
    }

    public List<String> warnings() {
        return data.warnings();
    }

    /**
     * The kept cells as the two sets a fit takes: background and target cells (in file order within each), the
     * kept genes in columns.
     *
     * @throws InvalidInputException when no condition column was set (every cell's condition is unknown)
     */
    public ContrastiveDataset dataset() {
        if (conditions == null) {
            throw new InvalidInputException("A fit needs background and target cells: set the condition column and "
                    + "its background values");
        }
        return ConditionSplit.split(data, conditions);
    }

    /**
     * The values of a cell metadata column for the kept cells of one condition, in the order of that condition's
     * cells in {@link #dataset()} (null = missing).
     *
     * @throws InvalidInputException when the column is unknown (the message lists the known ones) or no condition
     *                               column was set
     */
    public String[] column(String name, Condition condition) {
        java.util.List<String> values = data.metadata().column(name);
        if (conditions == null) {
            throw new InvalidInputException("Cells have no condition: set the condition column and its background "
                    + "values");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < conditions.length; i++) {
            if (conditions[i] == condition) {
                out.add(values.get(i));
            }
        }
        return out.toArray(new String[0]);
    }

    private int count(Condition c) {
        if (conditions == null) {
            return -1;
        }
        int n = 0;
        for (Condition x : conditions) {
            n += x == c ? 1 : 0;
        }
        return n;
    }
}
