package org.cdgm.engine.objectives;

import java.util.List;
import java.util.stream.Collectors;

import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.LatentCodes;

/** Sum of regularisers, e.g. MM-cVAE's two MMD terms. */
public final class CompositeRegulariser implements Regulariser {
    private final List<Regulariser> terms;

    public CompositeRegulariser(List<Regulariser> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("A composite regulariser needs at least one term");
        }
        this.terms = List.copyOf(terms);
    }

    @Override
    public String name() {
        return terms.stream().map(Regulariser::name).collect(Collectors.joining(" + "));
    }

    @Override
    public boolean needsSalientBackground() {
        return terms.stream().anyMatch(Regulariser::needsSalientBackground);
    }

    @Override
    public double evaluate(LatentCodes codes, CodeGradients grads, double scale) {
        double sum = 0;
        for (Regulariser r : terms) {
            sum += r.evaluate(codes, grads, scale);
        }
        return sum;
    }

    @Override
    public double noiseFloor(LatentCodes codes) {
        double sum = 0;
        for (Regulariser r : terms) {
            sum += r.noiseFloor(codes);
        }
        return sum;
    }
}
