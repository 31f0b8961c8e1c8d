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
        List<String> labels = a.metadata().column(column);
        List<Integer> bg = new ArrayList<>();
        List<Integer> tg = new ArrayList<>();
        Map<String, Integer> unknown = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String v = labels.get(i);
            if (backgroundValues.contains(v)) {
                bg.add(i);
            } else if (targetValues == null || targetValues.contains(v)) {
                tg.add(i);
            } else {
                unknown.merge(v, 1, Integer::sum);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("Column '" + column + "' has values that are neither background "
                    + backgroundValues + " nor target " + targetValues + ": " + counts(unknown)
                    + "; add them to one side or filter those cells out first");
        }
        Map<String, Integer> present = new LinkedHashMap<>();
        labels.forEach(v -> present.merge(v, 1, Integer::sum));
        if (bg.isEmpty()) {
            throw new InvalidInputException("No cell has '" + column + "' in " + backgroundValues
                    + ", so there is no background; values present: " + counts(present));
        }
        if (tg.isEmpty()) {
            throw new InvalidInputException("No target cell: every cell has '" + column + "' in " + backgroundValues
                    + "; values present: " + counts(present));
        }
        AnnotatedMatrix b = Preprocessing.selectCells(a, bg.stream().mapToInt(Integer::intValue).toArray());
        AnnotatedMatrix t = Preprocessing.selectCells(a, tg.stream().mapToInt(Integer::intValue).toArray());
        return new ContrastiveDataset(a.genes(), new CellSet(Condition.BACKGROUND, b.matrix(), b.cellIds()),
                new CellSet(Condition.TARGET, t.matrix(), t.cellIds()));
    }

    private static String counts(Map<String, Integer> m) {
        return m.entrySet().stream().limit(12).map(e -> "'" + e.getKey() + "' (" + e.getValue() + " cells)")
                .collect(Collectors.joining(", ")) + (m.size() > 12 ? ", ..." : "");
    }
}
