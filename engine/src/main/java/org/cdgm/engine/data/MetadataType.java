package org.cdgm.engine.data;

import java.util.List;
import java.util.Locale;

/**
 * The kind of values a cell metadata column holds, as a table program would type it: whole numbers, decimal
 * numbers, or text. Values are kept as text in {@link CellMetadata} (null = missing); the type says how to parse
 * and show them (KNIME integer/double/string columns, pandas int64/float64/object).
 */
public enum MetadataType {
    STRING,
    INTEGER,
    DOUBLE;

    /** "string", "integer" or "double", as the command line's JSON prints it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The narrowest type that holds every non-missing value (null = missing): INTEGER when all parse as 64-bit
     * whole numbers, DOUBLE when all parse as finite or NaN decimals, else STRING. A column of only missing
     * values is STRING.
     */
    public static MetadataType infer(List<String> values) {
        boolean any = false;
        boolean integer = true;
        for (String v : values) {
            if (v == null) {
                continue;
            }
            any = true;
            if (integer && !isLong(v)) {
                integer = false;
            }
            if (!integer && !isDouble(v)) {
                return STRING;
            }
        }
        return !any ? STRING : integer ? INTEGER : DOUBLE;
    }

    private static boolean isLong(String s) {
        try {
            Long.parseLong(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDouble(String s) {
        String t = s.trim();
        if (t.isEmpty() || !(Character.isDigit(t.charAt(t.length() - 1)) || t.endsWith("."))) {
            return false; // Java also parses "1d", "Infinity" and hex floats, which no table program calls numbers
        }
        try {
            Double.parseDouble(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
