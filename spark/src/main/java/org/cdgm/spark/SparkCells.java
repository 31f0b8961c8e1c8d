package org.cdgm.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.DatasetValidator;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.data.ValueDomain;
import org.cdgm.engine.io.H5adOutOfCore;
import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.training.GradientBuffers;
import org.cdgm.engine.training.StepPasses;
import org.cdgm.engine.training.TrainingCells;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Cells spread over the partitions of a Spark job, for {@link org.cdgm.engine.training.Trainer#fit(TrainingCells,
 * org.cdgm.engine.training.TrainingMonitor)}: partition p holds background rows [b_p, b_{p+1}) and target rows
 * [t_p, t_{p+1}) (contiguous, sizes differing by at most one) in the executors' memory, for the whole fit. The
 * driver keeps the gene names, cell counts and partition bounds; it reads values only for the validation chunks
 * (validation fraction x cells, gathered once).
 */
public final class SparkCells implements TrainingCells, AutoCloseable {
    private final JavaSparkContext sc;
    private final JavaRDD<CellBlock> blocks;
    private final List<String> genes;
    private final BatchCovariate batch;
    private final int[] bBounds;
    private final int[] tBounds;

    private SparkCells(JavaSparkContext sc, List<BlockSource> sources, List<String> genes, BatchCovariate batch,
                       int[] bBounds, int[] tBounds) {
        this.sc = sc;
        this.genes = List.copyOf(genes);
        this.batch = batch;
        this.bBounds = bBounds;
        this.tBounds = tBounds;
        // one source per partition; loaded once, kept in memory, and cut from its lineage so that later tasks
        // carry no cells (a parallelized collection's partitions would otherwise travel with every task)
        JavaRDD<CellBlock> loaded = sc.parallelize(sources, sources.size()).map(BlockSource::load)
                .persist(StorageLevel.MEMORY_ONLY());
        loaded.rdd().localCheckpoint();
        loaded.count();
        this.blocks = loaded;
    }

    /**
     * Spreads cells the driver holds over {@code partitions} partitions (each sent to its executor once).
     *
     * @throws IllegalArgumentException when there are fewer cells of a condition than partitions
     */
    public static SparkCells distribute(JavaSparkContext sc, ContrastiveDataset data, int partitions) {
        int[] b = bounds(data.background().cells(), partitions, "background");
        int[] t = bounds(data.target().cells(), partitions, "target");
        List<BlockSource> sources = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            sources.add(new BlockSource.Shipped(new CellBlock(CellBlock.compress(data.background(), b[p], b[p + 1]),
                    CellBlock.compress(data.target(), t[p], t[p + 1]))));
        }
        return new SparkCells(sc, sources, data.genes(), data.batch(), b, t);
    }

    /**
     * The background and target cells of an .h5ad file, each executor reading its partitions' rows itself (the
     * file must be on a path every executor sees, e.g. a shared file system); the driver reads only obs. Cells
     * are used as stored, as {@link H5adOutOfCore} selects them (no covariate, no filtering).
     *
     * @throws IOException           when the driver cannot read the file's obs
     * @throws InvalidInputException when no cell has a background (or target) value
     */
    public static SparkCells readH5ad(JavaSparkContext sc, Path file, String layer, String column,
                                      Set<String> background, Set<String> target, int partitions) throws IOException {
        List<String> genes;
        int nb;
        int nt;
        try (H5adOutOfCore h5 = H5adOutOfCore.open(file, layer, column, background, target, 1, 1L << 20)) {
            genes = h5.dataset().genes();
            nb = h5.dataset().background().cells();
            nt = h5.dataset().target().cells();
        }
        int[] b = bounds(nb, partitions, "background");
        int[] t = bounds(nt, partitions, "target");
        List<BlockSource> sources = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            sources.add(new BlockSource.H5adRange(file.toAbsolutePath().toString(), layer, column,
                    Set.copyOf(background), target == null ? null : Set.copyOf(target), b[p], b[p + 1], t[p],
                    t[p + 1]));
        }
        return new SparkCells(sc, sources, genes, null, b, t);
    }

    /** Bounds of {@code parts} contiguous ranges of {@code rows} rows, sizes differing by at most one. */
    static int[] bounds(int rows, int parts, String what) {
        if (parts < 1 || rows < parts) {
            throw new IllegalArgumentException("Cannot spread " + rows + " " + what + " cells over " + parts
                    + " partitions: use at most " + rows + " partitions");
        }
        int[] b = new int[parts + 1];
        for (int i = 0; i < parts; i++) {
            b[i + 1] = b[i] + rows / parts + (i < rows % parts ? 1 : 0);
        }
        return b;
    }

    JavaSparkContext context() {
        return sc;
    }

    JavaRDD<CellBlock> blocks() {
        return blocks;
    }

    int partitions() {
        return bBounds.length - 1;
    }

    int[] bounds(Condition c) {
        return c == Condition.BACKGROUND ? bBounds : tBounds;
    }

    @Override
    public List<String> genes() {
        return genes;
    }

    @Override
    public BatchCovariate batch() {
        return batch;
    }

    @Override
    public int cells(Condition condition) {
        int[] b = bounds(condition);
        return b[b.length - 1];
    }

    /**
     * Checks gene names here and every value on the executors (one job); reports the first offending value of the
     * background, else of the target, in row order, as a fit on one machine would.
     */
    @Override
    public void validate(ValueDomain domain) {
        DatasetValidator.checkGenes(genes);
        List<String> names = genes;
        List<String[]> found = blocks.map(block -> new String[] {
            block.firstInvalid(Condition.BACKGROUND, names, domain),
            block.firstInvalid(Condition.TARGET, names, domain)}).collect();
        for (int c = 0; c < 2; c++) {
            for (String[] f : found) { // partition order is row order
                if (f[c] != null) {
                    throw new InvalidInputException(f[c]);
                }
            }
        }
    }

    /** One job fetches every row wanted (each once); the batches are assembled here. */
    @Override
    public List<CellBatch> gather(Condition condition, List<int[]> rowLists, DataType dtype) {
        int[] b = bounds(condition);
        int parts = partitions();
        List<List<Integer>> wanted = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            wanted.add(new ArrayList<>());
        }
        Set<Integer> all = new HashSet<>();
        for (int[] rows : rowLists) {
            for (int r : rows) {
                if (all.add(r)) {
                    wanted.get(partitionOf(b, r)).add(r - b[partitionOf(b, r)]);
                }
            }
        }
        List<int[]> requests = new ArrayList<>();
        for (List<Integer> w : wanted) {
            requests.add(w.stream().mapToInt(Integer::intValue).toArray());
        }
        List<CellBlock.Rows> got = blocks.zipPartitions(sc.parallelize(requests, parts),
                (Iterator<CellBlock> bi, Iterator<int[]> ri) -> List.of(bi.next().rows(condition, ri.next()))
                        .iterator()).collect();
        int g = genes.size();
        Map<Integer, float[]> values = new HashMap<>();
        Map<Integer, Integer> codes = new HashMap<>();
        for (int p = 0; p < parts; p++) {
            int[] local = requests.get(p);
            CellBlock.Rows rows = got.get(p);
            for (int i = 0; i < local.length; i++) {
                int row = b[p] + local[i];
                float[] v = new float[g];
                System.arraycopy(rows.values(), i * g, v, 0, g);
                values.put(row, v);
                if (rows.batchCodes() != null) {
                    codes.put(row, rows.batchCodes()[i]);
                }
            }
        }
        List<CellBatch> out = new ArrayList<>(rowLists.size());
        for (int[] rows : rowLists) {
            float[] buf = new float[rows.length * g];
            int[] c = batch == null ? null : new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(values.get(rows[i]), 0, buf, i * g, g);
                if (c != null) {
                    c[i] = codes.get(rows[i]);
                }
            }
            CellBatch cb = CellBatch.fromRows(buf, rows.length, g, dtype);
            out.add(c == null ? cb : cb.withBatchCodes(c));
        }
        return out;
    }

    /** The partition holding row {@code row} of a condition with these bounds. */
    static int partitionOf(int[] bounds, int row) {
        int lo = 0;
        int hi = bounds.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (bounds[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Passes on the partitions; {@code threads} is ignored (each partition's share runs on one task thread). */
    @Override
    public StepPasses passes(ContrastiveVae vae, int threads, GradientBuffers grads) {
        return new SparkPasses(this, vae, grads.isShared());
    }

    /** Releases the cells held by the executors. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
