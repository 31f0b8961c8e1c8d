package org.cdgm.engine.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-cell annotations (replicate, guide, condition ...), like anndata's {@code obs}: one value per cell and column,
 * kept as text with {@code null} for a missing value, and a {@link MetadataType} per column saying whether the
 * text is a whole number, a decimal or a label.
 */
public final class CellMetadata {
    private final int cells;
    private final Map<String, List<String>> columns;
    private final Map<String, MetadataType> types;

    /** Every column typed {@link MetadataType#STRING}. */
    public CellMetadata(int cells, Map<String, List<String>> columns) {
        this(cells, columns, Map.of());
    }

    /**
     * @param columns values per column, each list with one entry per cell (null = missing)
     * @param types   type per column; a column not listed is STRING
     * @throws IllegalArgumentException when a column's length is not {@code cells}
     */
    public CellMetadata(int cells, Map<String, List<String>> columns, Map<String, MetadataType> types) {
        this.cells = cells;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Map<String, MetadataType> typeCopy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : columns.entrySet()) {
            if (e.getValue().size() != cells) {
                throw new IllegalArgumentException("Metadata column '" + e.getKey() + "' has " + e.getValue().size()
                        + " values for " + cells + " cells");
            }
            copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
            typeCopy.put(e.getKey(), types.getOrDefault(e.getKey(), MetadataType.STRING));
        }
        this.columns = Collections.unmodifiableMap(copy);
        this.types = Collections.unmodifiableMap(typeCopy);
    }

    public static CellMetadata none(int cells) {
        return new CellMetadata(cells, Map.of());
    }

    public int cells() {
        return cells;
    }

    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /** The column's values (null = missing); an unknown name is an error that lists the known ones. */
    public List<String> column(String name) {
        List<String> c = columns.get(name);
        if (c == null) {
            throw new InvalidInputException("No cell metadata column '" + name + "'; available: "
                    + (columns.isEmpty() ? "none (the matrix has no cell metadata: give a cell metadata file whose "
                    + "rows are the cells, e.g. cell_metadata.csv beside a 10x folder)"
                    : String.join(", ", columns.keySet())));
        }
        return c;
    }

    /** The column's type; an unknown name is an error that lists the known ones. */
    public MetadataType type(String name) {
        column(name);
        return types.get(name);
    }

    /** The given cells, in order, with every column and its type. */
    public CellMetadata select(int[] rows) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : columns.entrySet()) {
            List<String> col = e.getValue();
            List<String> picked = new ArrayList<>(rows.length);
            for (int r : rows) {
                picked.add(col.get(r));
            }
            out.put(e.getKey(), picked);
        }
        return new CellMetadata(rows.length, out, types);
    }
}
