package org.cdgm.engine.data;

import java.util.List;
import java.util.Objects;

/**
 * Background and target cells over one gene set, the input of a comparative fit.
 *
 * @param batch the batch covariate both sets' {@link CellSet#batchCodes()} refer to, or null for none (then neither
 *              set has codes)
 */
public record ContrastiveDataset(List<String> genes, CellSet background, CellSet target, BatchCovariate batch) {

    /** @throws IllegalArgumentException when the sets are swapped or their batch codes do not fit {@code batch} */
    public ContrastiveDataset {
        genes = List.copyOf(Objects.requireNonNull(genes, "genes"));
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(target, "target");
        if (background.condition() != Condition.BACKGROUND || target.condition() != Condition.TARGET) {
            throw new IllegalArgumentException("Background and target cell sets are swapped");
        }
        for (CellSet set : List.of(background, target)) {
            if (set.hasBatchCodes() != (batch != null)) {
                throw new IllegalArgumentException(set.condition().label() + " cells " + (batch == null
                        ? "have batch codes but the data have no batch covariate"
                        : "have no batch codes but the data have the batch covariate " + batch.column()));
            }
            if (batch != null) {
                for (int code : set.batchCodes()) {
                    if (code < 0 || code >= batch.size()) {
                        throw new IllegalArgumentException("Batch code " + code + " is outside the " + batch.size()
                                + " levels of " + batch.column());
                    }
                }
            }
        }
    }

    /** Background and target cells without a batch covariate. */
    public ContrastiveDataset(List<String> genes, CellSet background, CellSet target) {
        this(genes, background, target, null);
    }

    /** The number of batch levels, 0 without a covariate (as {@code ModelConfig#batchLevels()}). */
    public int batchLevels() {
        return batch == null ? 0 : batch.size();
    }

    public int geneCount() {
        return genes.size();
    }

    /**
     * The same cells with a batch covariate: each cell's value in {@code column} becomes its level, the levels being
     * the distinct values present, sorted.
     *
     * @param backgroundValues per background cell its value, in cell order
     * @param targetValues     per target cell its value, in cell order
     * @throws InvalidInputException when a value is missing (callers leave such cells out first, with a warning)
     *                               or fewer than two levels are present, naming the column
     */
    public ContrastiveDataset withBatch(String column, List<String> backgroundValues, List<String> targetValues) {
        List<String> all = new java.util.ArrayList<>(backgroundValues);
        all.addAll(targetValues);
        BatchCovariate covariate = BatchCovariate.of(column, all);
        return new ContrastiveDataset(genes, withCodes(background, covariate, backgroundValues),
                withCodes(target, covariate, targetValues), covariate);
    }

    private static CellSet withCodes(CellSet set, BatchCovariate covariate, List<String> values) {
        if (values.size() != set.cells()) {
            throw new IllegalArgumentException(set.cells() + " " + set.condition().label().toLowerCase(
                    java.util.Locale.ROOT) + " cells but " + values.size() + " batch values");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidInputException(set.describeCell(i) + " has no value in the batch column "
                        + covariate.column() + "; leave such cells out or give their batch");
            }
        }
        return new CellSet(set.condition(), set.matrix(), set.cellIds(), covariate.codes(values));
    }

    public CellSet get(Condition c) {
        return c == Condition.BACKGROUND ? background : target;
    }
}
