package org.cdgm.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What every reader returns, like an AnnData object reduced to what cdgm uses: cells x genes values ({@code X}),
 * gene names ({@code var_names}), cell ids ({@code obs_names}), per-cell metadata ({@code obs}), and the warnings
 * raised while reading and preparing it (names made unique, features or cells left out), for the user to see.
 */
public record AnnotatedMatrix(CellMatrix matrix, List<String> genes, List<String> cellIds, CellMetadata metadata,
                              List<String> warnings) {

    public AnnotatedMatrix {
        genes = List.copyOf(genes);
        cellIds = List.copyOf(cellIds);
        warnings = List.copyOf(warnings);
        if (genes.size() != matrix.genes() || cellIds.size() != matrix.cells() || metadata.cells() != matrix.cells()) {
            throw new IllegalArgumentException("Matrix " + matrix.cells() + " x " + matrix.genes() + " does not fit "
                    + cellIds.size() + " cell ids, " + genes.size() + " genes and metadata of " + metadata.cells()
                    + " cells");
        }
    }

    /** Without warnings. */
    public AnnotatedMatrix(CellMatrix matrix, List<String> genes, List<String> cellIds, CellMetadata metadata) {
        this(matrix, genes, cellIds, metadata, List.of());
    }

    /** The same data with {@code more} warnings appended. */
    public AnnotatedMatrix withWarnings(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new AnnotatedMatrix(matrix, genes, cellIds, metadata, all);
    }

    public AnnotatedMatrix withWarning(String warning) {
        return withWarnings(List.of(warning));
    }
}
