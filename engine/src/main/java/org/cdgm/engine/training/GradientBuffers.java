package org.cdgm.engine.training;

import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.model.network.ElboTerms;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where one training step's gradients go: a buffer for the background objective, one for the target objective, one
 * for the regulariser, and the update direction. Each is a flat vector over all parameters (1 x
 * {@link ParameterLayout#totalLength()}). Two shapes, declared by the {@link GradientCombiner} that needs them:
 * <ul>
 * <li>{@link #shared}: one accumulator serves as all four. Back-propagation adds every part into it, so the
 * direction is their sum with no extra pass (and the regulariser's code gradients ride along the ELBO's backward
 * pass, see {@link ContrastiveVae#lossAndGradients}).</li>
 * <li>{@link #separate}: four distinct arrays, for a combiner that weighs the parts against each other.</li>
 * </ul>
 */
public final class GradientBuffers {
    private final ParameterLayout layout;
    private final INDArray background;
    private final INDArray target;
    private final INDArray regulariser;
    private final INDArray direction;

    private GradientBuffers(ParameterLayout layout, INDArray background, INDArray target, INDArray regulariser,
                            INDArray direction) {
        this.layout = layout;
        this.background = background;
        this.target = target;
        this.regulariser = regulariser;
        this.direction = direction;
    }

    /** One zeroed accumulator (1 x total parameters) for the three parts and the direction: their sum. */
    public static GradientBuffers shared(ParameterLayout layout, DataType dtype) {
        INDArray sum = layout.zeros(dtype);
        return new GradientBuffers(layout, sum, sum, sum, sum);
    }

    /** Four distinct zeroed buffers (1 x total parameters each): background, target, regulariser, direction. */
    public static GradientBuffers separate(ParameterLayout layout, DataType dtype) {
        return new GradientBuffers(layout, layout.zeros(dtype), layout.zeros(dtype), layout.zeros(dtype),
                layout.zeros(dtype));
    }

    /** Whether the parts share one accumulator (see {@link #shared}). */
    public boolean isShared() {
        return background == target;
    }

    /**
     * Zeroes the part buffers and back-propagates one step into them: the background loss (mean per cell) into
     * {@link #background()}, the target loss into {@link #target()}, and the regulariser's already weighted code
     * gradients {@code extra} (null when there are none) into {@link #regulariser()}. The direction is left to the
     * combiner (in the shared shape it is already the sum).
     *
     * @param klWeight weight of the KL terms' gradients in [0, 1] (KL warm-up)
     * @return the unweighted ELBO terms of the step's batches
     */
    public ElboTerms backward(ContrastiveVae vae, ContrastiveVae.ForwardPass fp, CodeGradients extra,
                              double klWeight) {
        zeroParts();
        return vae.lossAndGradients(fp, background, target, extra, regulariser, klWeight);
    }

    /** Zeroes the part buffers (in the shared shape the one accumulator). */
    void zeroParts() {
        background.assign(0);
        if (!isShared()) {
            target.assign(0);
            regulariser.assign(0);
        }
    }

    /** New zeroed buffers of the same shape (shared or separate), for one thread's slice of a step. */
    GradientBuffers sameShape() {
        DataType dtype = background.dataType();
        return isShared() ? shared(layout, dtype) : separate(layout, dtype);
    }

    /** Adds {@code other}'s part buffers into these (one addition per distinct buffer); the direction is untouched. */
    void addParts(GradientBuffers other) {
        background.addi(other.background);
        if (!isShared()) {
            target.addi(other.target);
            regulariser.addi(other.regulariser);
        }
    }

    public ParameterLayout layout() {
        return layout;
    }

    public INDArray background() {
        return background;
    }

    public INDArray target() {
        return target;
    }

    public INDArray regulariser() {
        return regulariser;
    }

    /** The update direction the combiner writes and the optimiser reads. */
    public INDArray direction() {
        return direction;
    }
}
