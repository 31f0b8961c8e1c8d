package org.cdgm.engine.data;

import java.util.List;

/** What every reader returns: cells x genes values with gene names, cell ids and per-cell metadata. */
public record AnnotatedMatrix(CellMatrix matrix, List<String> genes, List<String> cellIds, CellMetadata metadata) {

    public AnnotatedMatrix {
        genes = List.copyOf(genes);
        cellIds = List.copyOf(cellIds);
        if (genes.size() != matrix.genes() || cellIds.size() != matrix.cells() || metadata.cells() != matrix.cells()) {
            throw new IllegalArgumentException("Matrix " + matrix.cells() + " x " + matrix.genes() + " does not fit "
                    + cellIds.size() + " cell ids, " + genes.size() + " genes and metadata of " + metadata.cells()
                    + " cells");
        }
    }
}
