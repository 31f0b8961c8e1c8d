package org.cdgm.engine.preprocess;

import java.util.Set;

import org.cdgm.engine.data.InvalidInputException;

/**
 * What to do with a matrix after reading it and before training: which cells are background and target, and the
 * cell and gene filters (scanpy's {@code filter_cells(min_counts)}, {@code filter_genes(min_cells)},
 * {@code highly_variable_genes(n_top_genes, flavor="seurat")}). Validated once here; the KNIME reader node and the
 * command line show the messages unchanged.
 *
 * @param conditionColumn  metadata column that tells background from target, or null to keep every cell unlabelled
 * @param backgroundValues values of that column marking background (control) cells
 * @param targetValues     values marking target cells, or null for every other non-missing value
 * @param minCellsPerGene  keep genes with a non-zero count in at least this many cells (0 = keep all)
 * @param minCountsPerCell keep cells with at least this many counts in total, over the genes read (0 = keep all)
 * @param topGenes         keep this many highly variable genes (0 = keep all)
 * @param batchColumn      metadata column of each cell's batch or replicate, a covariate of the fit
 *                         ({@link org.cdgm.engine.data.BatchCovariate}); null for none. Cells with a missing value are
 *                         left out with a warning, as cells with a missing condition are
 */
public record PreparationSettings(String conditionColumn, Set<String> backgroundValues, Set<String> targetValues,
                                  int minCellsPerGene, int minCountsPerCell, int topGenes, String batchColumn) {

    /**
     * @throws InvalidInputException naming the setting that is out of range or contradicts another
     */
    public PreparationSettings {
        backgroundValues = backgroundValues == null ? Set.of() : Set.copyOf(backgroundValues);
        targetValues = targetValues == null || targetValues.isEmpty() ? null : Set.copyOf(targetValues);
        if (conditionColumn != null && conditionColumn.isBlank()) {
            conditionColumn = null;
        }
        batchColumn = batchColumn == null || batchColumn.isBlank() ? null : batchColumn.strip();
        require(minCellsPerGene, "Minimum cells per gene");
        require(minCountsPerCell, "Minimum counts per cell");
        require(topGenes, "Highly variable genes");
        if (conditionColumn != null && backgroundValues.isEmpty()) {
            throw new InvalidInputException("Setting 'Background values' is empty: give the value(s) of '"
                    + conditionColumn + "' that mark control cells");
        }
        if (conditionColumn == null && (!backgroundValues.isEmpty() || targetValues != null)) {
            throw new InvalidInputException("Background or target values are given but no condition column: name "
                    + "the metadata column that holds them");
        }
        if (batchColumn != null && batchColumn.equals(conditionColumn)) {
            throw new InvalidInputException("The batch column " + batchColumn + " is the condition column: a batch "
                    + "covariate that tells background from target would take away the very difference the fit "
                    + "looks for; choose the replicate or batch column, or leave it out");
        }
        if (targetValues != null) {
            for (String v : targetValues) {
                if (backgroundValues.contains(v)) {
                    throw new InvalidInputException("Value '" + v + "' is both a background and a target value");
                }
            }
        }
    }

    /** Preparation without a batch covariate. */
    public PreparationSettings(String conditionColumn, Set<String> backgroundValues, Set<String> targetValues,
                               int minCellsPerGene, int minCountsPerCell, int topGenes) {
        this(conditionColumn, backgroundValues, targetValues, minCellsPerGene, minCountsPerCell, topGenes, null);
    }

    /** The same settings with a batch column (null or blank for none). */
    public PreparationSettings withBatchColumn(String column) {
        return new PreparationSettings(conditionColumn, backgroundValues, targetValues, minCellsPerGene,
                minCountsPerCell, topGenes, column);
    }

    /**
     * The number of highly variable genes scvi-tools' tutorials keep ({@code n_top_genes=2000}); the KNIME
     * reader's default, so a 33,000-gene file never becomes a 33,000-column table unasked.
     */
    public static final int USUAL_TOP_GENES = 2000;

    /**
     * Whether every gene of a read reaches the prepared data, so the genes are known before the counts are read:
     * no minimum cells per gene, and no highly variable selection or one that keeps at least {@code genesRead}.
     */
    public boolean keepsEveryGene(int genesRead) {
        return minCellsPerGene == 0 && (topGenes == 0 || topGenes >= genesRead);
    }

    /** No condition column and no filters: every cell and gene as read. */
    public static PreparationSettings none() {
        return new PreparationSettings(null, Set.of(), null, 0, 0, 0);
    }

    private static void require(int value, String name) {
        if (value < 0) {
            throw new InvalidInputException("Setting '" + name + "' must be 0 or more, got " + value);
        }
    }
}
