package org.cdgm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.CsrRows;
import org.cdgm.engine.data.OnDiskCellMatrix;
import org.cdgm.engine.data.RowBlockSource;
import org.cdgm.engine.io.H5adCsrSource;
import org.cdgm.engine.io.H5adCsrWriter;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingCancelledException;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;

/**
 * Out-of-core training from .h5ad files on disk (benchmarks/outofcore.sh). "write" simulates counts as in
 * {@link SparseScaling} (multinomial draws of about --library UMI per cell over genes whose log-rates depend on 5
 * shared and, for target cells, 2 salient latents; skewed baseline) and writes them shard by shard (--shard-cells
 * cells per .h5ad, background_NNN.h5ad and target_NNN.h5ad, half the cells each), so at most one shard is ever in
 * memory. "train" opens the shards of --dir, trains the NB model of SparseScaling from disk with --budget-mib MiB
 * of resident chunks per condition and --chunk-cells cells per chunk, and reports time per epoch, chunk reads,
 * peak heap and RSS; --steps N stops after N steps and extrapolates the epoch's time; --threads T trains on T
 * threads (default 1). Run "train" with a small -Xmx.
 */
public final class OutOfCoreScaling {
    private OutOfCoreScaling() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "" : args[0];
        BenchmarkOptions o = BenchmarkOptions.parse(args, 1, "cells", "genes", "library", "epochs", "seed",
                "shard-cells", "chunk-cells", "budget-mib", "dir", "steps", "threads");
        int cells = o.integer("cells", 250_000);
        int genes = o.integer("genes", 2_000);
        int library = o.integer("library", 300);
        int epochs = o.integer("epochs", 1);
        long seed = o.whole("seed", 11);
        int shardCells = o.integer("shard-cells", 125_000);
        int chunkCells = o.integer("chunk-cells", 16_384);
        long budgetMib = o.whole("budget-mib", 128);
        long steps = o.whole("steps", 0);
        int threads = o.integer("threads", 1);
        Path dir = o.path("dir", "/tmp/cdgm-outofcore");
        switch (mode) {
            case "write" -> write(dir, cells, genes, library, shardCells, seed);
            case "train" -> train(dir, epochs, chunkCells, budgetMib << 20, steps, threads);
            default -> throw new IllegalArgumentException("first argument: write or train");
        }
    }

    private static void write(Path dir, int cells, int genes, int library, int shardCells, long seed)
            throws Exception {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        SparseCountSimulation model = SparseCountSimulation.draw(genes, library, rng);
        List<String> names = SparseCountSimulation.geneNames(genes);
        long nnz = 0;
        int half = cells / 2;
        for (Condition c : Condition.values()) {
            int n = c == Condition.BACKGROUND ? half : cells - half;
            String prefix = c == Condition.BACKGROUND ? "background" : "target";
            for (int from = 0, shard = 0; from < n; from += shardCells, shard++) {
                int rows = Math.min(shardCells, n - from);
                CsrRows block = csr(model.cells(rows, c == Condition.TARGET, rng), genes);
                int first = from;
                H5adCsrWriter.write(dir.resolve(String.format(Locale.ROOT, "%s_%03d.h5ad", prefix, shard)), block,
                        IntStream.range(0, rows).mapToObj(i -> prefix + "_" + (first + i + 1)).toList(), names);
                nnz += block.values().length;
            }
        }
        long bytes;
        try (var files = Files.list(dir)) {
            bytes = files.filter(p -> p.toString().endsWith(".h5ad")).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "wrote %d cells x %d genes, %d non-zeros (%.1f %% dense) to %s: %.0f MiB of "
                        + ".h5ad in %.1f s%n", cells, genes, nnz, 100.0 * nnz / ((double) cells * genes), dir,
                bytes / 1048576.0, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * @param steps   stop after this many steps and extrapolate the epoch's time from them (0: train fully)
     * @param threads the fit's threads
     */
    private static void train(Path dir, int epochs, int chunkCells, long budgetBytes, long steps, int threads)
            throws Exception {
        try (OnDiskCellMatrix bg = open(dir, "background", chunkCells, budgetBytes);
             OnDiskCellMatrix tg = open(dir, "target", chunkCells, budgetBytes)) {
            List<String> names;
            try (H5adCsrSource first = H5adCsrSource.open(shards(dir, "background").get(0), null)) {
                names = first.geneNames();
            }
            int genes = names.size();
            System.out.printf(Locale.ROOT, "data: %d + %d cells x %d genes on disk in %d + %d chunks of %d cells; "
                            + "budget %.0f MiB of chunks per condition; max heap %.0f MiB%n", bg.cells(), tg.cells(),
                    genes, bg.chunks(), tg.chunks(), chunkCells, budgetBytes / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0);
            ContrastiveDataset data = new ContrastiveDataset(names, CellSet.withDefaultIds(Condition.BACKGROUND, bg),
                    CellSet.withDefaultIds(Condition.TARGET, tg));
            BenchmarkCase c = SparseCountSimulation.trainingCase("out-of-core");
            long t1 = System.nanoTime();
            long[] readsBefore = {-1};
            long[] stepStart = {0};
            long[] stepsDone = {0};
            TrainingMonitor monitor = new TrainingMonitor() {
                @Override
                public void onProgress(double fraction, String message) {
                    if (readsBefore[0] < 0) { // first step: the input validation's full pass is over
                        readsBefore[0] = bg.chunkReads() + tg.chunkReads();
                        stepStart[0] = System.nanoTime();
                        System.out.printf(Locale.ROOT, "input validation (one pass over the files): %.1f s%n",
                                (stepStart[0] - t1) / 1e9);
                    }
                    stepsDone[0]++;
                }

                @Override
                public boolean isCancelled() {
                    return steps > 0 && stepsDone[0] >= steps;
                }

                @Override
                public void onEpoch(EpochReport e) {
                    System.out.printf(Locale.ROOT, "epoch %d: %.1f s, background loss %.2f, target loss %.2f, "
                                    + "chunk reads %d%n", e.epoch(), e.seconds(), e.trainBackgroundLoss(),
                            e.trainTargetLoss(), bg.chunkReads() + tg.chunkReads() - readsBefore[0]);
                }
            };
            try {
                TrainingResult r = new Trainer(c.model(genes), c.training(epochs, 42, threads)).fit(data, monitor);
                System.out.printf(Locale.ROOT, "fit: %d epochs in %.1f s (including the input validation), %d "
                        + "cells processed%n", r.history().size(), (System.nanoTime() - t1) / 1e9,
                        r.cellsProcessed());
            } catch (TrainingCancelledException e) {
                long perEpoch = (Math.max(bg.cells(), tg.cells()) + 127) / 128;
                double perStep = (System.nanoTime() - stepStart[0]) / 1e9 / Math.max(1, stepsDone[0] - 1);
                System.out.printf(Locale.ROOT, "stopped after %d steps on %d thread(s): %.3f s per step, so about "
                        + "%.0f s for an epoch of %d steps; chunk reads %d%n", stepsDone[0], threads, perStep,
                        perStep * perEpoch, perEpoch,
                        bg.chunkReads() + tg.chunkReads() - readsBefore[0]);
            }
            System.gc(); // what is still live with the files open and the chunks resident
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "resident chunks at most %d + %d (%.0f + %.0f MiB); peak heap used %.0f "
                            + "MiB (sum of the heap pools' peaks: an upper bound, garbage included); old generation "
                            + "peak %.0f MiB; live heap after a full GC at the end %.0f MiB; peak RSS %.0f MiB%n",
                    bg.maxResidentChunks(), tg.maxResidentChunks(), bg.maxResidentBytes() / 1048576.0,
                    tg.maxResidentBytes() / 1048576.0, PeakMemory.heapMib(), PeakMemory.oldGenerationMib(),
                    (rt.totalMemory() - rt.freeMemory()) / 1048576.0, PeakMemory.residentMib());
        }
    }

    private static List<Path> shards(Path dir, String prefix) throws Exception {
        try (var files = Files.list(dir)) {
            List<Path> out = files.filter(p -> p.getFileName().toString().matches(prefix + "_\\d+\\.h5ad"))
                    .sorted().toList();
            if (out.isEmpty()) {
                throw new IllegalArgumentException("No " + prefix + "_NNN.h5ad files in " + dir + "; run write first");
            }
            return out;
        }
    }

    private static OnDiskCellMatrix open(Path dir, String prefix, int chunkCells, long budgetBytes)
            throws Exception {
        List<RowBlockSource> sources = new ArrayList<>();
        for (Path p : shards(dir, prefix)) {
            sources.add(H5adCsrSource.open(p, null));
        }
        return new OnDiskCellMatrix(sources, chunkCells, budgetBytes);
    }

    /** The simulated rows as one block (row starts fit an int: a shard holds far fewer than 2^31 values). */
    private static CsrRows csr(SparseCountSimulation.Rows rows, int genes) {
        int[] rowStart = Arrays.stream(rows.rowStart()).mapToInt(Math::toIntExact).toArray();
        return new CsrRows(genes, rowStart, rows.indices(), rows.values());
    }
}
