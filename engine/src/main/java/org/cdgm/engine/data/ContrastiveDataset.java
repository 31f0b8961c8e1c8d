package org.cdgm.engine.data;

import java.util.List;
import java.util.Objects;

/** Background and target cells over one gene set, the input of a comparative fit. */
public record ContrastiveDataset(List<String> genes, CellSet background, CellSet target) {

    public ContrastiveDataset {
        genes = List.copyOf(Objects.requireNonNull(genes, "genes"));
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(target, "target");
        if (background.condition() != Condition.BACKGROUND || target.condition() != Condition.TARGET) {
            throw new IllegalArgumentException("Background and target cell sets are swapped");
        }
    }

    public int geneCount() {
        return genes.size();
    }

    public CellSet get(Condition c) {
        return c == Condition.BACKGROUND ? background : target;
    }
}
