package org.cdgm.engine.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.InvalidInputException;

/**
 * The cells and genes kept by {@link CellPreparation}, with their conditions and the tally of what was left out.
 *
 * @param data       kept cells x kept genes, metadata of the kept cells, every warning of reading and preparing
 * @param conditions per kept cell BACKGROUND or TARGET, or null when no condition column was set
 * @param cellsRead  cells in the matrix as read
 * @param batch      the batch covariate of the kept cells (its column in {@code data}'s metadata, no value
 *                   missing), or null without a batch column
 */
public record PreparedCells(AnnotatedMatrix data, Condition[] conditions, int cellsRead, BatchCovariate batch) {

    /** Prepared cells without a batch covariate. */
    public PreparedCells(AnnotatedMatrix data, Condition[] conditions, int cellsRead) {
        this(data, conditions, cellsRead, null);
    }

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
     * kept genes in columns, and each cell's batch level when there is a batch column.
     *
     * @throws InvalidInputException when no condition column was set (every cell's condition is unknown)
     */
    public ContrastiveDataset dataset() {
        if (conditions == null) {
            throw new InvalidInputException("A fit needs background and target cells: set the condition column and "
                    + "its background values");
        }
        ContrastiveDataset split = ConditionSplit.split(data, conditions);
        if (batch == null) {
            return split;
        }
        // the same order as the split: matrix order within each condition
        List<String> values = data.metadata().column(batch.column());
        List<String> b = new ArrayList<>();
        List<String> t = new ArrayList<>();
        for (int i = 0; i < conditions.length; i++) {
            (conditions[i] == Condition.BACKGROUND ? b : t).add(values.get(i));
        }
        return split.withBatch(batch.column(), b, t);
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

    /**
     * The same cells over the given genes, in the given order: what a saved model needs (its genes, by name).
     *
     * @param what names the owner of the gene list in the message, e.g. "the model model.cdgm"
     * @throws InvalidInputException naming the first gene the kept genes lack, and how many are missing
     */
    public PreparedCells withGenes(List<String> genes, String what) {
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int g = 0; g < data.genes().size(); g++) {
            index.putIfAbsent(data.genes().get(g), g);
        }
        int[] picked = new int[genes.size()];
        List<String> missing = new ArrayList<>();
        for (int g = 0; g < picked.length; g++) {
            Integer at = index.get(genes.get(g));
            if (at == null) {
                missing.add(genes.get(g));
            } else {
                picked[g] = at;
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing.size() + " of the " + genes.size() + " genes of " + what
                    + " are not among the " + data.genes().size() + " genes kept from the data, e.g. '"
                    + missing.get(0) + "' (keep every gene, e.g. --top-genes 0, or use the file the model was "
                    + "trained on)");
        }
        return new PreparedCells(Preprocessing.selectGenes(data, picked), conditions, cellsRead, batch);
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
