package org.cdgm.engine.io;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.MetadataType;

/**
 * What a count-matrix file says about itself without its counts: the genes a read would return (after the
 * feature-type selection, names made unique), the cell ids and the cell metadata (the metadata file joined as a
 * read joins it, each column typed), and the warnings the read would raise about them. Lets a caller (the KNIME
 * reader's configure) describe the table a read will produce, and offer a metadata column's values, without
 * holding a matrix.
 *
 * @param genes    gene names in file order, as {@link MatrixFiles#read} returns them before any gene filter
 * @param cellIds  cell ids in file order
 * @param metadata per-cell metadata, one row per cell id
 * @param warnings what reading the header raised (features left out, names made unique, cells without metadata)
 */
public record MatrixHeader(List<String> genes, List<String> cellIds, CellMetadata metadata, List<String> warnings) {

    public MatrixHeader {
        genes = List.copyOf(genes);
        cellIds = List.copyOf(cellIds);
        Objects.requireNonNull(metadata, "metadata");
        warnings = List.copyOf(warnings);
        if (metadata.cells() != cellIds.size()) {
            throw new IllegalArgumentException("Metadata of " + metadata.cells() + " cells for " + cellIds.size()
                    + " cell ids");
        }
    }

    /** The header of a matrix already read (e.g. to describe its table with the same metadata values). */
    public static MatrixHeader of(AnnotatedMatrix a) {
        return new MatrixHeader(a.genes(), a.cellIds(), a.metadata(), a.warnings());
    }

    public int cells() {
        return cellIds.size();
    }

    /**
     * The distinct values of a text metadata column in order of first appearance, missing values left out; empty
     * when the column is numeric or has more than {@code limit} distinct values (too many to offer as choices).
     *
     * @throws org.cdgm.engine.data.InvalidInputException when there is no such column (the message lists them)
     */
    public Optional<List<String>> distinctValues(String column, int limit) {
        if (metadata.type(column) != MetadataType.STRING) {
            return Optional.empty();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String v : metadata.column(column)) {
            if (v != null && seen.add(v) && seen.size() > limit) {
                return Optional.empty();
            }
        }
        return Optional.of(new ArrayList<>(seen));
    }
}
