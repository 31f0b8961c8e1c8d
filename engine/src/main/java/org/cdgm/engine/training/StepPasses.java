package org.cdgm.engine.training;

import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.ElboTerms;
import org.cdgm.engine.model.network.LatentCodes;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a training step runs the network's forward and backward passes: on the whole batch in the training thread
 * ({@link SerialPasses}) or on slices of it in several threads ({@link SlicedPasses}). The regulariser sits between
 * the two calls and always sees the whole batch's codes, since MMD and HSIC couple the cells of a batch. Calls come
 * in the order {@link #forward}, {@link #backward}, {@link #endStep}, all inside the step's workspace.
 */
interface StepPasses extends AutoCloseable {

    /** A step's extent, for try-with-resources: closing it ends the step ({@link #endStep}). */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** A scope whose end calls {@link #endStep}; open it inside the step's workspace. */
    default Scope scope() {
        return this::endStep;
    }

    /**
     * Encodes, samples and decodes the step's batches.
     *
     * @return the whole batches' codes (rows in batch order)
     */
    LatentCodes forward(INDArray params, CellBatch background, CellBatch target, Noise noise);

    /**
     * Back-propagates the step into {@code grads} (zeroed first), as {@link GradientBuffers#backward}.
     *
     * @param extra the regulariser's weighted code gradients for the whole batches, or null
     * @return the ELBO terms of the whole batches (per-cell means)
     */
    ElboTerms backward(CodeGradients extra, double klWeight, GradientBuffers grads);

    /** Ends the step, also after an exception: no thread works on it any more when this returns. */
    void endStep();

    /** Releases the threads (idempotent). */
    @Override
    void close();
}
