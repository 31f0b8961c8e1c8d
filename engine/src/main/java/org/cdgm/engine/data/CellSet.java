package org.cdgm.engine.data;

import java.util.List;
import java.util.Objects;

/**
 * The cells of one condition: their expression matrix, their ids (for messages and output tables) and, when the
 * data have a batch covariate ({@link ContrastiveDataset#batch()}), each cell's batch level.
 *
 * @param batchCodes per cell its level's index in {@link BatchCovariate#levels()}, or null without a covariate; the
 *                   accessor returns a copy
 */
public record CellSet(Condition condition, CellMatrix matrix, List<String> cellIds, int[] batchCodes) {

    public CellSet {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(matrix, "matrix");
        cellIds = cellIds instanceof NumberedCellIds ? cellIds : List.copyOf(cellIds); // immutable already
        if (cellIds.size() != matrix.cells()) {
            throw new InvalidInputException(condition.label() + " data set has " + matrix.cells() + " cells but "
                    + cellIds.size() + " cell ids");
        }
        if (batchCodes != null) {
            batchCodes = batchCodes.clone();
            if (batchCodes.length != matrix.cells()) {
                throw new InvalidInputException(condition.label() + " data set has " + matrix.cells() + " cells but "
                        + batchCodes.length + " batch codes");
            }
        }
    }

    /** Cells without a batch covariate. */
    public CellSet(Condition condition, CellMatrix matrix, List<String> cellIds) {
        this(condition, matrix, cellIds, null);
    }

    /** A copy of the cells' batch codes, or null without a covariate. */
    @Override
    public int[] batchCodes() {
        return batchCodes == null ? null : batchCodes.clone();
    }

    public boolean hasBatchCodes() {
        return batchCodes != null;
    }

    /** Cells named background_1 .. background_n or target_1 .. target_n (made when asked for, not held). */
    public static CellSet withDefaultIds(Condition condition, CellMatrix matrix) {
        String prefix = condition == Condition.BACKGROUND ? "background_" : "target_";
        return new CellSet(condition, matrix, new NumberedCellIds(prefix, matrix.cells()));
    }

    public int cells() {
        return matrix.cells();
    }

    /**
     * "Target cell 'id' (the 16th target cell)": the cell's id and its position among this condition's cells
     * (1-based), which is not its line in the input file when the file mixes conditions.
     */
    public String describeCell(int row) {
        return describeCell(condition, cellIds.get(row), row);
    }

    /** {@link #describeCell(int)} for a cell of {@code condition} with id {@code id} at 0-based {@code row}. */
    public static String describeCell(Condition condition, String id, int row) {
        return condition.label() + " cell '" + id + "' (the " + ordinal(row + 1) + " "
                + condition.label().toLowerCase(java.util.Locale.ROOT) + " cell)";
    }

    /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st, ... */
    static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
