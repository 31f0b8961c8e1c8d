package org.cdgm.engine.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.data.ChunkedCellMatrix;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DatasetValidator;
import org.cdgm.engine.data.ValueDomain;
import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.nd4j.linalg.api.buffer.DataType;

/** Cells held in this JVM (in memory or read from disk a chunk at a time), trained on one or more threads. */
final class LocalCells implements TrainingCells {
    private final ContrastiveDataset data;
    /** Per condition its cells' batch codes or null (CellSet hands out copies; a step should not copy them). */
    private final int[][] batchCodes;

    LocalCells(ContrastiveDataset data) {
        this.data = data;
        batchCodes = new int[][] {data.background().batchCodes(), data.target().batchCodes()};
    }

    @Override
    public List<String> genes() {
        return data.genes();
    }

    @Override
    public BatchCovariate batch() {
        return data.batch();
    }

    @Override
    public int cells(Condition condition) {
        return data.get(condition).cells();
    }

    @Override
    public void validate(ValueDomain domain) {
        DatasetValidator.validate(data, domain);
    }

    @Override
    public void shuffleForReading(Condition condition, int[] rows, SplittableRandom rng) {
        if (data.get(condition).matrix() instanceof ChunkedCellMatrix chunked) {
            chunked.shuffleForReading(rows, rng);
        } else {
            Permutations.shuffle(rows, rng);
        }
    }

    @Override
    public List<CellBatch> gather(Condition condition, List<int[]> rowLists, DataType dtype) {
        List<CellBatch> out = new ArrayList<>(rowLists.size());
        for (int[] rows : rowLists) {
            out.add(BatchSampler.gather(data.get(condition), rows, dtype));
        }
        return out;
    }

    /** The rows of a step's batch (rows x G). */
    CellBatch batch(Condition condition, int[] rows, DataType dtype) {
        return BatchSampler.gather(data.get(condition).matrix(), batchCodes[condition == Condition.BACKGROUND ? 0 : 1], rows, dtype);
    }

    @Override
    public StepPasses passes(ContrastiveVae vae, int threads, GradientBuffers grads) {
        return threads == 1 ? new SerialPasses(vae, this) : new SlicedPasses(vae, this, threads, grads);
    }
}
