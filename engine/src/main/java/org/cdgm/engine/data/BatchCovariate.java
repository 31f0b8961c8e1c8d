package org.cdgm.engine.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A categorical covariate of cells, such as the batch or biological replicate a cell was processed in: the metadata
 * column it comes from and its levels. Level i has code i; a model with a covariate sees each cell's level as a
 * one-hot vector beside its expression (scVI's {@code batch_key}, Lopez et al., Nature Methods 2018), so that
 * differences between levels need not be carried by the latent spaces.
 *
 * @param column the metadata column, e.g. bio_rep
 * @param levels its distinct values, at least two, in code order
 */
public record BatchCovariate(String column, List<String> levels) {

    /** @throws IllegalArgumentException when the column is blank or the levels are fewer than two, null or repeated */
    public BatchCovariate {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("A batch covariate needs the name of its column");
        }
        levels = List.copyOf(Objects.requireNonNull(levels, "levels"));
        if (levels.size() < 2) {
            throw new IllegalArgumentException("The batch column " + column + " has " + levels.size() + " level"
                    + (levels.size() == 1 ? " (" + levels.get(0) + ")" : "s") + ": a covariate needs at least two");
        }
        if (new TreeSet<>(levels).size() != levels.size()) {
            throw new IllegalArgumentException("The levels of batch column " + column + " repeat: " + levels);
        }
    }

    /**
     * The covariate of the values present, levels in sorted order (so that the same cells give the same codes
     * whatever their order in the file).
     *
     * @param values the column's values of the cells kept; nulls (missing values) are skipped
     * @throws InvalidInputException when fewer than two distinct values are present, naming the column and the value
     */
    public static BatchCovariate of(String column, Collection<String> values) {
        TreeSet<String> distinct = new TreeSet<>();
        for (String v : values) {
            if (v != null) {
                distinct.add(v);
            }
        }
        if (distinct.size() < 2) {
            throw new InvalidInputException("The batch column " + column + " has "
                    + (distinct.isEmpty() ? "no value" : "one level (" + distinct.first() + ")")
                    + " among the kept cells: a covariate needs at least two; leave it out");
        }
        return new BatchCovariate(column, new ArrayList<>(distinct));
    }

    /** The number of levels (the width of the one-hot input). */
    public int size() {
        return levels.size();
    }

    /**
     * The code of each value, for cells a model with this covariate is applied to.
     *
     * @param values one per cell
     * @return one code in [0, size()) per cell
     * @throws InvalidInputException naming the column when a value is missing, or naming the value and the known
     *                               levels when the model did not see it in training
     */
    public int[] codes(List<String> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            String v = values.get(i);
            if (v == null) {
                throw new InvalidInputException("Cell " + (i + 1) + " has no value in the batch column " + column
                        + ": a model trained with a batch covariate needs every cell's level (known: "
                        + String.join(", ", levels) + ")");
            }
            int code = levels.indexOf(v);
            if (code < 0) {
                throw unseen(v, " (cell " + (i + 1) + ")");
            }
            out[i] = code;
        }
        return out;
    }

    /**
     * The code of one level.
     *
     * @throws InvalidInputException naming the level and the known ones when the model did not see it in training
     */
    public int code(String level) {
        int code = levels.indexOf(level);
        if (code < 0) {
            throw unseen(level, "");
        }
        return code;
    }

    private InvalidInputException unseen(String level, String where) {
        return new InvalidInputException("The batch column " + column + " has the level '" + level + "'" + where
                + ", which the model did not see in training; it knows " + String.join(", ", levels) + ". A model can "
                + "only correct batches it was trained on: train it with these cells' batch included");
    }
}
