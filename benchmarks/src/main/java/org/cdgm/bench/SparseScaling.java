package org.cdgm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.SparseCellMatrix;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMode;
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
        int cells = 200_000;
        int genes = 2_000;
        int library = 300;
        int epochs = 1;
        long seed = 11;
        int threads = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cells" -> cells = Integer.parseInt(args[i + 1]);
                case "--genes" -> genes = Integer.parseInt(args[i + 1]);
                case "--library" -> library = Integer.parseInt(args[i + 1]);
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        int kz = 5;
        int kt = 2;
        double[][] wz = gaussian(rng, kz, genes, 0.5);
        double[][] wt = gaussian(rng, kt, genes, 0.8);
        double[] base = new double[genes];
        for (int g = 0; g < genes; g++) {
            base[g] = -2.5 * Math.log(1 + g) / Math.log(genes) * 2 + 0.5 * gauss(rng); // skewed: few abundant genes
        }
        int half = cells / 2;
        SparseCellMatrix background = simulate(half, genes, library, wz, wt, base, false, rng);
        SparseCellMatrix target = simulate(cells - half, genes, library, wz, wt, base, true, rng);
        double simSeconds = (System.nanoTime() - t0) / 1e9;
        long nnz = background.nonZeros() + target.nonZeros();
        double sparseMib = (nnz * 8.0 + (cells + 2) * 8.0) / (1 << 20);
        double denseMib = (double) cells * genes * 4 / (1 << 20);
        System.out.printf(Locale.ROOT, "data: %d cells x %d genes, %d non-zeros (%.1f %% dense), CSR %.0f MiB vs "
                        + "%.0f MiB dense float32; simulated in %.1f s; max heap %.0f MiB%n", cells, genes, nnz,
                100.0 * nnz / ((double) cells * genes), sparseMib, denseMib, simSeconds,
                Runtime.getRuntime().maxMemory() / 1048576.0);

        List<String> names = IntStream.range(0, genes).mapToObj(g -> "g" + g).toList();
        ContrastiveDataset data = new ContrastiveDataset(names, CellSet.withDefaultIds(Condition.BACKGROUND,
                background), CellSet.withDefaultIds(Condition.TARGET, target));
        BenchmarkCase c = new BenchmarkCase("sparse-scaling", Likelihood.NEGATIVE_BINOMIAL, 10, 5, 128, 1, 4,
                TrainingMode.CONSTRAINED, 0.3, 3e-3, 128);
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
                threads, r.history().size(), fitSeconds, r.cellsProcessed(), peakHeapMib(), PeakMemory.residentMib());
    }

    private static SparseCellMatrix simulate(int n, int genes, int library, double[][] wz, double[][] wt,
                                             double[] base, boolean target, SplittableRandom rng) {
        long[] rowStart = new long[n + 1];
        int[] idx = new int[Math.max(16, n * Math.min(genes, library) / 2)];
        float[] val = new float[idx.length];
        int[] counts = new int[genes];
        double[] cumulative = new double[genes];
        long at = 0;
        for (int i = 0; i < n; i++) {
            double[] z = new double[wz.length];
            for (int k = 0; k < z.length; k++) {
                z[k] = gauss(rng);
            }
            double[] t = new double[wt.length];
            if (target) {
                for (int k = 0; k < t.length; k++) {
                    t[k] = gauss(rng) + (rng.nextBoolean() ? 1.5 : -1.5);
                }
            }
            double total = 0;
            for (int g = 0; g < genes; g++) {
                double eta = base[g];
                for (int k = 0; k < z.length; k++) {
                    eta += z[k] * wz[k][g];
                }
                for (int k = 0; k < t.length; k++) {
                    eta += t[k] * wt[k][g];
                }
                total += Math.exp(eta);
                cumulative[g] = total;
            }
            int size = Math.max(1, (int) Math.round(library * Math.exp(0.3 * gauss(rng))));
            size = Math.min(size, Math.min(genes, library) * 2);
            Arrays.fill(counts, 0);
            for (int d = 0; d < size; d++) {
                int g = Arrays.binarySearch(cumulative, rng.nextDouble() * total);
                counts[g < 0 ? Math.min(-g - 1, genes - 1) : g]++;
            }
            for (int g = 0; g < genes; g++) {
                if (counts[g] > 0) {
                    if (at == idx.length) {
                        idx = Arrays.copyOf(idx, idx.length + idx.length / 2);
                        val = Arrays.copyOf(val, idx.length);
                    }
                    idx[(int) at] = g;
                    val[(int) at] = counts[g];
                    at++;
                }
            }
            rowStart[i + 1] = at;
        }
        return new SparseCellMatrix(n, genes, rowStart, Arrays.copyOf(idx, (int) at), Arrays.copyOf(val, (int) at));
    }

    private static double[][] gaussian(SplittableRandom rng, int rows, int cols, double sd) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int j = 0; j < cols; j++) {
                row[j] = sd * gauss(rng);
            }
        }
        return w;
    }

    private static double gauss(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static double peakHeapMib() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1048576.0;
    }
}
