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
        return split(a, labels(a, column, backgroundValues, targetValues));
    }

    /**
     * The background and target cells of {@code a} as the two sets of a fit, in matrix order within each; cells
     * labelled null are left out.
     *
     * @param labels per cell of {@code a}: BACKGROUND, TARGET or null
     */
    public static ContrastiveDataset split(AnnotatedMatrix a, Condition[] labels) {
        AnnotatedMatrix b = Preprocessing.selectCells(a, indicesOf(labels, Condition.BACKGROUND));
        AnnotatedMatrix t = Preprocessing.selectCells(a, indicesOf(labels, Condition.TARGET));
        return new ContrastiveDataset(a.genes(), new CellSet(Condition.BACKGROUND, b.matrix(), b.cellIds()),
                new CellSet(Condition.TARGET, t.matrix(), t.cellIds()));
    }

    /**
     * The condition of each cell by its value in {@code column}. A missing value (null) is never target: those
     * cells get null (left out). With {@code targetValues} null every other value is target; otherwise values on
     * neither side are an error, unless {@code dropOthers}, when those cells get null too.
     *
     * @throws InvalidInputException when the column is unknown, a value is on neither side (and not
     *                               {@code dropOthers}), or no cell is background or no cell is target
     */
    public static Condition[] labels(AnnotatedMatrix a, String column, Set<String> backgroundValues,
                                     Set<String> targetValues, boolean dropOthers) {
        Assignment s = assign(a, column, backgroundValues, targetValues);
        if (!s.others().isEmpty() && !dropOthers) {
            throw new InvalidInputException("Column '" + column + "' has values that are neither background "
                    + backgroundValues + " nor target " + targetValues + ": " + counts(s.others())
                    + "; add them to one side or filter those cells out first");
        }
        return s.labels();
    }

    /**
     * Labels with the tally of what was left out, for callers that report it.
     *
     * @param labels  per cell: BACKGROUND, TARGET or null (left out)
     * @param missing cells whose value is missing
     * @param others  values on neither side, with their cell counts (empty when every value has a side)
     */
    public record Assignment(Condition[] labels, int missing, Map<String, Integer> others) {
        /** One warning per kind of cell left out; empty when none was. */
        public List<String> warnings(String column) {
            List<String> out = new java.util.ArrayList<>();
            if (missing > 0) {
                out.add(missing + " cell" + (missing == 1 ? " has" : "s have") + " no value in '" + column
                        + "' (missing) and " + (missing == 1 ? "was" : "were") + " left out");
            }
            int n = others.values().stream().mapToInt(Integer::intValue).sum();
            if (n > 0) {
                out.add(n + " cell" + (n == 1 ? " has" : "s have") + " a value of '" + column + "' that is neither "
                        + "background nor target (" + counts(others) + ") and " + (n == 1 ? "was" : "were")
                        + " left out");
            }
            return out;
        }
    }

    /**
     * The condition of each cell, never failing on values without a side (they and missing values get null).
     *
     * @throws InvalidInputException when the column is unknown, or no cell is background or no cell is target
     */
    public static Assignment assign(AnnotatedMatrix a, String column, Set<String> backgroundValues,
                                    Set<String> targetValues) {
        List<String> values = a.metadata().column(column);
        Condition[] out = new Condition[values.size()];
        Map<String, Integer> others = new LinkedHashMap<>();
        Map<String, Integer> present = new LinkedHashMap<>();
        int bg = 0;
        int tg = 0;
        int missing = 0;
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null) {
                missing++;
                continue;
            }
            present.merge(v, 1, Integer::sum);
            if (backgroundValues.contains(v)) {
                out[i] = Condition.BACKGROUND;
                bg++;
            } else if (targetValues == null || targetValues.contains(v)) {
                out[i] = Condition.TARGET;
                tg++;
            } else {
                others.merge(v, 1, Integer::sum);
            }
        }
        String missingNote = missing > 0 ? " (and " + missing + " cells with no value)" : "";
        if (bg == 0) {
            throw new InvalidInputException("No cell has '" + column + "' in " + backgroundValues
                    + ", so there is no background; values present: " + counts(present) + missingNote);
        }
        if (tg == 0) {
            throw new InvalidInputException("No target cell: no cell has '" + column + "' in "
                    + (targetValues == null ? "any value other than " + backgroundValues : targetValues)
                    + "; values present: " + counts(present) + missingNote);
        }
        return new Assignment(out, missing, others);
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
