package org.cdgm.engine.io;

import java.util.Objects;
import java.util.Set;

/**
 * How to read an expression table from CSV/TSV.
 *
 * @param cellsAsRows     true: one row per cell and one column per gene; false: one row per gene
 * @param hasHeader       whether the first row names the columns (without it genes and cells are numbered)
 * @param idColumn        column holding cell ids (cells as rows) or gene names (genes as rows); null for none
 * @param metadataColumns with cells as rows, columns kept as cell metadata (e.g. a condition label), not genes
 * @param fillMissing     value for empty/NA cells of the table, or null to reject them with an error
 * @param delimiter       field separator; 0 to choose by extension (.tsv/.tsv.gz/.txt: tab, else comma)
 */
public record CsvMatrixOptions(boolean cellsAsRows, boolean hasHeader, String idColumn, Set<String> metadataColumns,
                               Double fillMissing, char delimiter) {

    public CsvMatrixOptions {
        metadataColumns = Set.copyOf(Objects.requireNonNull(metadataColumns, "metadataColumns"));
        if (!hasHeader && (idColumn != null || !metadataColumns.isEmpty())) {
            throw new IllegalArgumentException("Naming an id or metadata column needs a header row");
        }
        if (!cellsAsRows && !metadataColumns.isEmpty()) {
            throw new IllegalArgumentException("Metadata columns need cells as rows");
        }
        if (fillMissing != null && !Double.isFinite(fillMissing)) {
            throw new IllegalArgumentException("The fill value for missing entries must be a finite number");
        }
    }

    /** Cells as rows, a header, the given id column, no metadata, missing values rejected. */
    public static CsvMatrixOptions cellsAsRows(String idColumn) {
        return new CsvMatrixOptions(true, true, idColumn, Set.of(), null, (char) 0);
    }

    public CsvMatrixOptions withMetadata(Set<String> columns) {
        return new CsvMatrixOptions(cellsAsRows, hasHeader, idColumn, columns, fillMissing, delimiter);
    }

    public CsvMatrixOptions withFill(Double value) {
        return new CsvMatrixOptions(cellsAsRows, hasHeader, idColumn, metadataColumns, value, delimiter);
    }

    public CsvMatrixOptions genesAsRows() {
        return new CsvMatrixOptions(false, hasHeader, idColumn, Set.of(), fillMissing, delimiter);
    }

    public CsvMatrixOptions withoutHeader() {
        return new CsvMatrixOptions(cellsAsRows, false, null, Set.of(), fillMissing, delimiter);
    }
}
