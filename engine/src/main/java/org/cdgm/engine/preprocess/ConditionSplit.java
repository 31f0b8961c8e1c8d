package org.cdgm.engine.preprocess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.InvalidInputException;

/**
 * Splits one annotated matrix into background and target cells by the value of a metadata column, e.g.
 * condition = background / target, or grna_target = non-targeting versus every knockout.
 */
public final class ConditionSplit {
    private ConditionSplit() {
    }

    /**
     * @param backgroundValues values marking background cells
     * @param targetValues     values marking target cells, or null for "every other value"
     */
    public static ContrastiveDataset split(AnnotatedMatrix a, String column, Set<String> backgroundValues,
                                           Set<String> targetValues) {
        Condition[] labels = labels(a, column, backgroundValues, targetValues);
        AnnotatedMatrix b = Preprocessing.selectCells(a, indicesOf(labels, Condition.BACKGROUND));
        AnnotatedMatrix t = Preprocessing.selectCells(a, indicesOf(labels, Condition.TARGET));
        return new ContrastiveDataset(a.genes(), new CellSet(Condition.BACKGROUND, b.matrix(), b.cellIds()),
                new CellSet(Condition.TARGET, t.matrix(), t.cellIds()));
    }

    /**
     * The condition of each cell by its value in {@code column}. With {@code targetValues} null every
     * non-background value is target; otherwise values on neither side are an error, unless
     * {@code dropOthers}, when those cells get null (left out).
     */
    public static Condition[] labels(AnnotatedMatrix a, String column, Set<String> backgroundValues,
                                     Set<String> targetValues, boolean dropOthers) {
        List<String> values = a.metadata().column(column);
        Condition[] out = new Condition[values.size()];
        Map<String, Integer> unknown = new LinkedHashMap<>();
        Map<String, Integer> present = new LinkedHashMap<>();
        int bg = 0;
        int tg = 0;
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            present.merge(String.valueOf(v), 1, Integer::sum);
            if (backgroundValues.contains(v)) {
                out[i] = Condition.BACKGROUND;
                bg++;
            } else if (targetValues == null || targetValues.contains(v)) {
                out[i] = Condition.TARGET;
                tg++;
            } else {
                unknown.merge(String.valueOf(v), 1, Integer::sum);
            }
        }
        if (!unknown.isEmpty() && !dropOthers) {
            throw new InvalidInputException("Column '" + column + "' has values that are neither background "
                    + backgroundValues + " nor target " + targetValues + ": " + counts(unknown)
                    + "; add them to one side or filter those cells out first");
        }
        if (bg == 0) {
            throw new InvalidInputException("No cell has '" + column + "' in " + backgroundValues
                    + ", so there is no background; values present: " + counts(present));
        }
        if (tg == 0) {
            throw new InvalidInputException("No target cell: no cell has '" + column + "' in "
                    + (targetValues == null ? "any value other than " + backgroundValues : targetValues)
                    + "; values present: " + counts(present));
        }
        return out;
    }

    static Condition[] labels(AnnotatedMatrix a, String column, Set<String> backgroundValues,
                              Set<String> targetValues) {
        return labels(a, column, backgroundValues, targetValues, false);
    }

    private static int[] indicesOf(Condition[] labels, Condition c) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
    }

    private static String counts(Map<String, Integer> m) {
        return m.entrySet().stream().limit(12).map(e -> "'" + e.getKey() + "' (" + e.getValue() + " cells)")
                .collect(Collectors.joining(", ")) + (m.size() > 12 ? ", ..." : "");
    }
}
