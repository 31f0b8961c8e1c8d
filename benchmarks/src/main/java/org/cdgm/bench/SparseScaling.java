package org.cdgm.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.SparseCellMatrix;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;

/**
 * Trains on a large simulated sparse count matrix held only in compressed sparse rows, to show that memory stays
 * bounded by the sparse store (minibatches are densified one batch at a time). Counts are multinomial draws of a
 * per-cell library size over genes whose log-rates depend on low-dimensional shared (all cells) and salient
 * (target cells) latents, with a skewed baseline so most entries are zero, as in droplet data.
 * Arguments: --cells N (split evenly)  --genes G  --library L  --epochs E  --seed S  --threads T (the engine's
 * threads, default 1). Run with a small -Xmx and OMP_NUM_THREADS=1.
 */
public final class SparseScaling {
    private SparseScaling() {
    }

    public static void main(String[] args) {
        BenchmarkOptions o = BenchmarkOptions.parse(args, 0, "cells", "genes", "library", "epochs", "seed",
                "threads");
        int cells = o.integer("cells", 200_000);
        int genes = o.integer("genes", 2_000);
        int library = o.integer("library", 300);
        int epochs = o.integer("epochs", 1);
        long seed = o.whole("seed", 11);
        int threads = o.integer("threads", 1);
        long t0 = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        SparseCountSimulation model = SparseCountSimulation.draw(genes, library, rng);
        int half = cells / 2;
        SparseCellMatrix background = matrix(model.cells(half, false, rng), genes);
        SparseCellMatrix target = matrix(model.cells(cells - half, true, rng), genes);
        double simSeconds = (System.nanoTime() - t0) / 1e9;
        long nnz = background.nonZeros() + target.nonZeros();
        double sparseMib = (nnz * 8.0 + (cells + 2) * 8.0) / (1 << 20);
        double denseMib = (double) cells * genes * 4 / (1 << 20);
        System.out.printf(Locale.ROOT, "data: %d cells x %d genes, %d non-zeros (%.1f %% dense), CSR %.0f MiB vs "
                        + "%.0f MiB dense float32; simulated in %.1f s; max heap %.0f MiB%n", cells, genes, nnz,
                100.0 * nnz / ((double) cells * genes), sparseMib, denseMib, simSeconds,
                Runtime.getRuntime().maxMemory() / 1048576.0);

        List<String> names = SparseCountSimulation.geneNames(genes);
        ContrastiveDataset data = new ContrastiveDataset(names, CellSet.withDefaultIds(Condition.BACKGROUND,
                background), CellSet.withDefaultIds(Condition.TARGET, target));
        BenchmarkCase c = SparseCountSimulation.trainingCase("sparse-scaling");
        long t1 = System.nanoTime();
        TrainingResult r = new Trainer(c.model(genes), c.training(epochs, 42, threads)).fit(data, new TrainingMonitor() {
            @Override
            public void onEpoch(EpochReport e) {
                System.out.printf(Locale.ROOT, "epoch %d: %.1f s, background loss %.2f, target loss %.2f%n",
                        e.epoch(), e.seconds(), e.trainBackgroundLoss(), e.trainTargetLoss());
            }
        });
        double fitSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "fit: %d thread(s), %d epochs in %.1f s (including the input validation "
                        + "before training), %d cells processed; peak heap used %.0f MiB; peak RSS %.0f MiB%n",
                threads, r.history().size(), fitSeconds, r.cellsProcessed(), PeakMemory.heapMib(), PeakMemory.residentMib());
    }

    private static SparseCellMatrix matrix(SparseCountSimulation.Rows rows, int genes) {
        return new SparseCellMatrix(rows.rowStart().length - 1, genes, rows.rowStart(), rows.indices(),
                rows.values());
    }
}
