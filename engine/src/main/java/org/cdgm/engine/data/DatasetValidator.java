package org.cdgm.engine.data;

import java.util.List;
import java.util.function.IntFunction;


/**
 * Checks a data set before any training starts, so that nothing is half-computed on bad input. Each failure
 * names the data set, cell (id and row) and gene concerned, and what to do about it.
 */
public final class DatasetValidator {
    private DatasetValidator() {
    }

    /** Checks that background and target describe the same genes in the same order. */
    public static void requireSameGenes(List<String> backgroundGenes, List<String> targetGenes) {
        if (backgroundGenes.size() != targetGenes.size()) {
            throw new InvalidInputException("Background has " + backgroundGenes.size() + " genes but target has "
                    + targetGenes.size() + "; both data sets must be measured on the same genes");
        }
        for (int j = 0; j < backgroundGenes.size(); j++) {
            if (!backgroundGenes.get(j).equals(targetGenes.get(j))) {
                throw new InvalidInputException("Gene " + (j + 1) + " is '" + backgroundGenes.get(j)
                        + "' in background but '" + targetGenes.get(j)
                        + "' in target; align both data sets to the same gene order");
            }
        }
    }

    /**
     * Checks gene names, that both conditions have cells, and that every value is finite and, for counts, a
     * non-negative integer with at least one count per cell.
     */
    public static void validate(ContrastiveDataset data, ValueDomain domain) {
        checkGenes(data.genes());
        for (Condition c : Condition.values()) {
            CellSet set = data.get(c);
            if (set.cells() == 0) {
                throw new InvalidInputException(c.label() + " data set has no cells; a comparative model needs "
                        + "both background and target cells");
            }
            if (set.matrix().genes() != data.geneCount()) {
                throw new InvalidInputException(c.label() + " matrix has " + set.matrix().genes() + " genes but "
                        + data.geneCount() + " gene names were given");
            }
            checkValues(set, data.genes(), domain);
        }
    }

    /**
     * Checks that there are genes and that their names are unique.
     *
     * @throws InvalidInputException naming the first repeated gene
     */
    public static void checkGenes(List<String> genes) {
        if (genes.isEmpty()) {
            throw new InvalidInputException("The data set has no genes");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String g : genes) {
            if (!seen.add(g)) {
                throw new InvalidInputException("Gene '" + g + "' appears twice; gene names must be unique");
            }
        }
    }

    /**
     * Checks one set of cells: every value finite and, for counts, a non-negative integer with at least one count
     * per cell. Messages name the cell and the gene.
     */
    public static void checkValues(CellSet set, List<String> genes, ValueDomain domain) {
        checkValues(set.matrix(), set::describeCell, genes, domain);
    }

    /**
     * As {@link #checkValues(CellSet, List, ValueDomain)} for rows held apart from their {@link CellSet} (a
     * partition of the cells on a cluster): {@code describeCell} names row i of {@code m} as
     * {@link CellSet#describeCell} names it in the whole set.
     *
     * @throws InvalidInputException at the first offending row, naming the cell and the gene
     */
    public static void checkValues(CellMatrix m, IntFunction<String> describeCell, List<String> genes,
                                   ValueDomain domain) {
        int g = m.genes();
        m.forEachRow((i, row, offset) -> {
            double total = 0;
            for (int j = 0; j < g; j++) {
                double v = row[offset + j];
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException(describeCell.apply(i) + ", gene '" + genes.get(j) + "': value is "
                            + v + "; remove or impute missing and infinite values before training");
                }
                if (domain == ValueDomain.COUNTS) {
                    if (v < 0) {
                        throw new InvalidInputException(describeCell.apply(i) + ", gene '" + genes.get(j)
                                + "': negative count " + v + "; count likelihoods (Poisson, negative binomial) need raw "
                                + "counts (use the Gaussian likelihood for transformed data)");
                    }
                    if (v != Math.rint(v)) {
                        throw new InvalidInputException(describeCell.apply(i) + ", gene '" + genes.get(j)
                                + "': non-integer count " + v + "; count likelihoods (Poisson, negative binomial) need raw "
                                + "counts, not normalised values (use the Gaussian likelihood for those)");
                    }
                }
                total += v;
            }
            if (domain == ValueDomain.COUNTS && total == 0) {
                throw new InvalidInputException(describeCell.apply(i) + " has no counts on any gene; filter out empty "
                        + "cells before training a count model");
            }
            return true;
        });
    }

    /** Checks that each condition keeps at least one full batch for training after the validation split. */
    public static void requireEnoughCells(Condition c, int trainingCells, int batchSize, double validationFraction) {
        if (trainingCells < batchSize) {
            throw new InvalidInputException(c.label() + " has " + trainingCells + " training cells (after holding out "
                    + Math.round(validationFraction * 100) + "% for validation) but the batch size is " + batchSize
                    + "; lower the batch size to at most " + Math.max(1, trainingCells)
                    + " or the validation fraction");
        }
    }
}
