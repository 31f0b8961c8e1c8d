package org.cdgm.engine.training;

import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.data.ValueDomain;
import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The cells a fit trains on, wherever their values are: in this JVM ({@link #of(ContrastiveDataset)}) or spread
 * over the executors of a cluster (the {@code cdgm-spark} module). The {@link Trainer} needs only what is listed
 * here: the genes, the batch covariate, each condition's cell count, a check of the values, the rows of the
 * validation chunks, and step passes that run the network where the rows are. It samples rows by index and draws
 * all noise itself, so a fit's numbers depend on where the passes run only through the order of sums over cells.
 */
public interface TrainingCells {

    /** Cells held in this JVM: the {@link Trainer}'s behaviour on a {@link ContrastiveDataset}. */
    static TrainingCells of(ContrastiveDataset data) {
        return new LocalCells(data);
    }

    /** The gene names, in column order (G). */
    List<String> genes();

    /** The batch covariate the cells' batch codes refer to, or null for none. */
    BatchCovariate batch();

    /** The number of cells of a condition (rows are numbered 0 .. cells - 1 within it). */
    int cells(Condition condition);

    /** The number of batch levels, 0 without a covariate. */
    default int batchLevels() {
        return batch() == null ? 0 : batch().size();
    }

    /**
     * Checks the data before training (as {@link org.cdgm.engine.data.DatasetValidator#validate}): unique gene
     * names, cells in both conditions, every value finite and, for counts, a non-negative integer with at least one
     * count per cell.
     *
     * @throws InvalidInputException naming the first offending cell (id and 1-based row) and gene
     */
    void validate(ValueDomain domain);

    /**
     * Reorders {@code rows} (distinct row indices of the condition) in place into the order of one training pass:
     * a uniform shuffle, unless the cells are read from disk a chunk at a time
     * ({@link org.cdgm.engine.data.ChunkedCellMatrix#shuffleForReading}).
     */
    default void shuffleForReading(Condition condition, int[] rows, SplittableRandom rng) {
        Permutations.shuffle(rows, rng);
    }

    /**
     * The values of some rows of a condition, for evaluation on this JVM (the validation chunks).
     *
     * @param rowLists row indices per batch wanted (repeats allowed)
     * @return per list a batch of its rows in order (rows x G, with batch codes when there is a covariate)
     */
    List<CellBatch> gather(Condition condition, List<int[]> rowLists, DataType dtype);

    /**
     * The forward and backward passes of this fit's steps, run where the rows are.
     *
     * @param threads threads the caller would use for a step on this JVM (see
     *                {@link TrainingSettings#threadsFor}); implementations elsewhere may ignore it
     * @param grads   the step's gradient buffers (their shape, shared or separate, is the combiner's)
     */
    StepPasses passes(ContrastiveVae vae, int threads, GradientBuffers grads);
}
