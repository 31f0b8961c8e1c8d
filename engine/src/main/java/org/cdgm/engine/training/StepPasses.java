package org.cdgm.engine.training;

import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.ElboTerms;
import org.cdgm.engine.model.network.LatentCodes;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a training step runs the network's forward and backward passes where its cells are: on the whole batch in
 * the training thread ({@link SerialPasses}), on slices of it in several threads ({@link SlicedPasses}), or on the
 * partitions of a cluster that hold its rows (the {@code cdgm-spark} module). The {@link Trainer} samples the rows
 * and draws the noise; the regulariser sits between the two calls and always sees the whole batch's codes, since
 * MMD and HSIC couple the cells of a batch. Calls come in the order {@link #forward}, {@link #backward},
 * {@link #endStep}, all inside the training thread's step workspace.
 */
public interface StepPasses extends AutoCloseable {

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
     * @param backgroundRows the background batch: row indices of {@link TrainingCells} (B_b of them)
     * @param targetRows     the target batch (B_t row indices)
     * @param noise          the step's standard normal draws, row i for batch position i
     * @return the whole batches' codes (rows in batch order, each block's noise the given one)
     */
    LatentCodes forward(INDArray params, int[] backgroundRows, int[] targetRows, Noise noise);

    /**
     * Back-propagates the step into {@code grads} (zeroed first), as {@link GradientBuffers#backward}.
     *
     * @param extra the regulariser's weighted code gradients for the whole batches, or null
     * @return the ELBO terms of the whole batches (per-cell means)
     */
    ElboTerms backward(CodeGradients extra, double klWeight, GradientBuffers grads);

    /** Ends the step, also after an exception: no thread works on it any more when this returns. */
    void endStep();

    /**
     * The thread count a fit through these passes records in its provenance: the numbers of a fit depend on it,
     * since slices are reduced in a fixed order per count (1 where each part of a step runs on one thread).
     */
    int threads();

    /** Releases the threads (idempotent). */
    @Override
    void close();
}
