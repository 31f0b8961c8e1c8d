package org.cdgm.engine.training;

import org.cdgm.engine.model.parameters.ParameterLayout;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How a training mode turns a step's gradients (background objective, target objective, regulariser) into one
 * update direction: summed ({@link WeightedSum}, classic and CO training) or weighed against each other
 * ({@link Mgda}, MO training). One instance serves one fit.
 */
public interface GradientCombiner {

    /**
     * What a combination reports.
     *
     * @param norm  Euclidean norm of the direction (NaN or infinite when the gradients diverged)
     * @param alpha weight of the background objective on the shared parameters (MGDA's alpha, in [0, 1]); NaN when
     *              the combiner does not weigh the objectives
     */
    record Combination(double norm, double alpha) {
    }

    /** Allocates the buffers this combiner reads (see {@link GradientBuffers#shared} and {@code separate}). */
    GradientBuffers buffers(ParameterLayout layout, DataType dtype);

    /** Writes the update direction into {@code g.direction()} from the part buffers filled by the step. */
    Combination combine(GradientBuffers g);

    /**
     * Whether the background and target objectives are weighed against each other per step (MO-cVAE): the epoch
     * reports then carry the mean alpha.
     */
    boolean multiObjective();
}
