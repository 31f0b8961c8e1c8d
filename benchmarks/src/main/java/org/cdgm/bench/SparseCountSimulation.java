package org.cdgm.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.training.TrainingMode;

/**
 * The sparse count simulation of the scaling benchmarks (SparseScaling in memory, OutOfCoreScaling on disk): 5 shared
 * and, for target cells, 2 salient latents drive gene rates over a skewed baseline (a few abundant genes), and about
 * {@code library} UMI per cell are drawn from them, so most entries are zero (8.5 % non-zero at 2,000 genes and 300
 * UMI). One copy, so that both benchmarks train on the same kind of data.
 *
 * @param genes   genes (columns)
 * @param library mean UMI per cell
 * @param wz      5 x genes loadings of the shared latents
 * @param wt      2 x genes loadings of the salient latents
 * @param base    per-gene log baseline rate
 */
record SparseCountSimulation(int genes, int library, double[][] wz, double[][] wt, double[] base) {

    /** Rows of a CSR matrix: row i's entries are {@code indices/values[rowStart[i] .. rowStart[i + 1])}. */
    record Rows(long[] rowStart, int[] indices, float[] values) {
    }

    /** The model both scaling runs train on these cells: negative binomial, k_z 10, k_t 5, CO (epsilon 0.3), batch 128. */
    static BenchmarkCase trainingCase(String name) {
        return new BenchmarkCase(name, Likelihood.NEGATIVE_BINOMIAL, 10, 5, 128, 1, 4, TrainingMode.CONSTRAINED, 0.3,
                3e-3, 128);
    }

    /** g0, g1, ...: the simulated genes' names. */
    static List<String> geneNames(int genes) {
        return IntStream.range(0, genes).mapToObj(g -> "g" + g).toList();
    }

    /** The model's weights, drawn from {@code rng} (the first draws of a seed). */
    static SparseCountSimulation draw(int genes, int library, SplittableRandom rng) {
        double[][] wz = gaussian(rng, 5, genes, 0.5);
        double[][] wt = gaussian(rng, 2, genes, 0.8);
        double[] base = new double[genes];
        for (int g = 0; g < genes; g++) {
            base[g] = -2.5 * Math.log(1 + g) / Math.log(genes) * 2 + 0.5 * gauss(rng); // skewed: few abundant genes
        }
        return new SparseCountSimulation(genes, library, wz, wt, base);
    }

    /**
     * n cells of the model in compressed sparse rows: z ~ N(0, I), t ~ N(+-1.5, I) for target cells (0 for
     * background), gene rates exp(base + z wz + t wt), about {@code library} UMI per cell (log-normal, sd 0.3) drawn
     * multinomially. The draws consume {@code rng} in a fixed order, so a seed gives the same cells.
     */
    Rows cells(int n, boolean target, SplittableRandom rng) {
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
        return new Rows(rowStart, Arrays.copyOf(idx, (int) at), Arrays.copyOf(val, (int) at));
    }

    static double[][] gaussian(SplittableRandom rng, int rows, int cols, double sd) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int j = 0; j < cols; j++) {
                row[j] = sd * gauss(rng);
            }
        }
        return w;
    }

    static double gauss(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
