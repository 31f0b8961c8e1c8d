package org.cdgm.engine.training;

import org.cdgm.engine.model.parameters.ParameterLayout;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Classic training's direction: background gradient + target gradient + regulariser gradient (the regulariser's
 * weight is already in its gradient). The parts share one accumulator, so back-propagation does the summing and
 * the step costs one backward pass.
 */
public final class WeightedSum implements GradientCombiner {

    @Override
    public GradientBuffers buffers(ParameterLayout layout, DataType dtype) {
        return GradientBuffers.shared(layout, dtype);
    }

    /** @throws IllegalArgumentException when the buffers are separate (nothing would sum them) */
    @Override
    public Combination combine(GradientBuffers g) {
        if (!g.isShared()) {
            throw new IllegalArgumentException("A weighted sum needs the shared accumulator of GradientBuffers.shared");
        }
        return new Combination(g.direction().norm2Number().doubleValue(), Double.NaN);
    }

    @Override
    public boolean multiObjective() {
        return false;
    }
}
