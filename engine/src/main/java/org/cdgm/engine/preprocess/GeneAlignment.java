package org.cdgm.engine.preprocess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.InvalidInputException;

/** Builds a dataset from background and target loaded separately, over the genes they share. */
public final class GeneAlignment {
    private GeneAlignment() {
    }

    /**
     * @param intersect true: keep the genes present in both (in background order); false: the gene lists must
     *                  match exactly (same names, same order), else an error names the first difference
     */
    public static ContrastiveDataset align(AnnotatedMatrix background, AnnotatedMatrix target, boolean intersect) {
        if (!intersect) {
            org.cdgm.engine.data.DatasetValidator.requireSameGenes(background.genes(), target.genes());
            return dataset(background, target);
        }
        Map<String, Integer> inTarget = new HashMap<>();
        for (int g = 0; g < target.genes().size(); g++) {
            inTarget.put(target.genes().get(g), g);
        }
        List<Integer> bIdx = new ArrayList<>();
        List<Integer> tIdx = new ArrayList<>();
        for (int g = 0; g < background.genes().size(); g++) {
            Integer t = inTarget.get(background.genes().get(g));
            if (t != null) {
                bIdx.add(g);
                tIdx.add(t);
            }
        }
        if (bIdx.isEmpty()) {
            throw new InvalidInputException("Background and target share no gene name (background starts with '"
                    + background.genes().get(0) + "', target with '" + target.genes().get(0) + "')");
        }
        return dataset(Preprocessing.selectGenes(background, bIdx.stream().mapToInt(Integer::intValue).toArray()),
                Preprocessing.selectGenes(target, tIdx.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static ContrastiveDataset dataset(AnnotatedMatrix b, AnnotatedMatrix t) {
        return new ContrastiveDataset(b.genes(), new CellSet(Condition.BACKGROUND, b.matrix(), b.cellIds()),
                new CellSet(Condition.TARGET, t.matrix(), t.cellIds()));
    }
}
