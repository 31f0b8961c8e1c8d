package org.cdgm.engine.data;

import java.util.Locale;

/**
 * The kind of values a cell metadata column holds, as a table program would type it: whole numbers, decimal
 * numbers, or text. Values are kept as text in {@link CellMetadata} (null = missing); the type says how to parse
 * and show them (KNIME integer/double/string columns, pandas int64/float64/object). Text columns are typed by
 * {@code TextTable.metadataColumn}, with the same number grammar that reads the matrix.
 */
public enum MetadataType {
    STRING,
    INTEGER,
    DOUBLE;

    /** "string", "integer" or "double", as the command line's JSON prints it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
