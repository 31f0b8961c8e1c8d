package org.cdgm.engine.io;

import java.util.Objects;
import java.util.Set;

/**
 * How to read an expression table from delimited text.
 *
 * @param cellsAsRows     true: one row per cell and one column per gene (scanpy's read_csv); false: one row per
 *                        gene, one column per cell (R and GEO matrices)
 * @param hasHeader       whether the first row names the columns (without it genes and cells are numbered)
 * @param idColumn        column holding cell ids (cells as rows) or gene names (genes as rows); null to use an
 *                        unnamed first column, R's row names or a first column of text, else numbers
 * @param metadataColumns with cells as rows, columns kept as cell metadata (e.g. a condition label), not genes;
 *                        columns holding only text are kept as metadata without being named
 * @param fillMissing     value for empty/NA entries of the table, or null to reject them with an error
 * @param delimiter       field separator ',', ';' or '\t'; 0 to detect it from the first lines
 * @param decimal         decimal mark of the values, '.' or ',' (German, French ... spreadsheets)
 */
public record CsvMatrixOptions(boolean cellsAsRows, boolean hasHeader, String idColumn, Set<String> metadataColumns,
                               Double fillMissing, char delimiter, char decimal) {

    /**
     * @throws IllegalArgumentException naming the setting that is out of range or contradicts another
     */
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
        if (delimiter != 0 && delimiter != ',' && delimiter != ';' && delimiter != '\t') {
            throw new IllegalArgumentException("Delimiter must be ',', ';' or tab (or detected), got '" + delimiter
                    + "'");
        }
        if (decimal != '.' && decimal != ',') {
            throw new IllegalArgumentException("Decimal mark must be '.' or ',', got '" + decimal + "'");
        }
        if (decimal == ',' && delimiter == ',') {
            throw new IllegalArgumentException("Decimal mark ',' needs another delimiter (';' or tab): with ',' for "
                    + "both, '3,5' cannot be told from two fields");
        }
    }

    /** The old six-setting form: decimal point. */
    public CsvMatrixOptions(boolean cellsAsRows, boolean hasHeader, String idColumn, Set<String> metadataColumns,
                            Double fillMissing, char delimiter) {
        this(cellsAsRows, hasHeader, idColumn, metadataColumns, fillMissing, delimiter, '.');
    }

    /** Cells as rows, a header, the given id column, no metadata, missing values rejected, delimiter detected. */
    public static CsvMatrixOptions cellsAsRows(String idColumn) {
        return new CsvMatrixOptions(true, true, idColumn, Set.of(), null, (char) 0, '.');
    }

    /** Defaults: cells as rows, a header, id column detected, delimiter detected, decimal point. */
    public static CsvMatrixOptions defaults() {
        return cellsAsRows(null);
    }

    public CsvMatrixOptions withMetadata(Set<String> columns) {
        return new CsvMatrixOptions(cellsAsRows, hasHeader, idColumn, columns, fillMissing, delimiter, decimal);
    }

    public CsvMatrixOptions withFill(Double value) {
        return new CsvMatrixOptions(cellsAsRows, hasHeader, idColumn, metadataColumns, value, delimiter, decimal);
    }

    public CsvMatrixOptions genesAsRows() {
        return new CsvMatrixOptions(false, hasHeader, idColumn, Set.of(), fillMissing, delimiter, decimal);
    }

    public CsvMatrixOptions withoutHeader() {
        return new CsvMatrixOptions(cellsAsRows, false, null, Set.of(), fillMissing, delimiter, decimal);
    }

    public CsvMatrixOptions withIdColumn(String column) {
        return new CsvMatrixOptions(cellsAsRows, hasHeader, column, metadataColumns, fillMissing, delimiter, decimal);
    }

    public CsvMatrixOptions withDelimiter(char d) {
        return new CsvMatrixOptions(cellsAsRows, hasHeader, idColumn, metadataColumns, fillMissing, d, decimal);
    }

    public CsvMatrixOptions withDecimal(char d) {
        return new CsvMatrixOptions(cellsAsRows, hasHeader, idColumn, metadataColumns, fillMissing, delimiter, d);
    }
}
