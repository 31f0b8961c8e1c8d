package org.cdgm.engine.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-cell annotations (replicate, guide, condition ...), one text value per cell and column. */
public final class CellMetadata {
    private final int cells;
    private final Map<String, List<String>> columns;

    public CellMetadata(int cells, Map<String, List<String>> columns) {
        this.cells = cells;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : columns.entrySet()) {
            if (e.getValue().size() != cells) {
                throw new IllegalArgumentException("Metadata column '" + e.getKey() + "' has " + e.getValue().size()
                        + " values for " + cells + " cells");
            }
            copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
        }
        this.columns = Collections.unmodifiableMap(copy);
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

    /** The column's values; an unknown name is an error that lists the known ones. */
    public List<String> column(String name) {
        List<String> c = columns.get(name);
        if (c == null) {
            throw new InvalidInputException("No cell metadata column '" + name + "'; available: "
                    + String.join(", ", columns.keySet()));
        }
        return c;
    }
}
