package org.cdgm.engine.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.model.distributions.Gaussians;

/** Draws a {@link SimulatedData} set; the same settings (seed included) give the same data. */
public final class Simulator {
    private Simulator() {
    }

    /** A mixture of Gaussians in d dimensions with well separated random means. */
    private record Mixture(double[][] means, double[][] stds) {
        static Mixture random(int components, int dim, SplittableRandom rng) {
            double[][] m = new double[components][dim];
            double[][] s = new double[components][dim];
            for (int k = 0; k < components; k++) {
                for (int j = 0; j < dim; j++) {
                    m[k][j] = (2 * rng.nextDouble() - 1) * 2.5;
                    s[k][j] = 0.3 + 0.4 * rng.nextDouble();
                }
            }
            return new Mixture(m, s);
        }

        int draw(double[] out, SplittableRandom rng) {
            int k = rng.nextInt(means.length);
            for (int j = 0; j < out.length; j++) {
                out[j] = means[k][j] + stds[k][j] * Gaussians.next(rng);
            }
            return k;
        }
    }

    /** Name of simulated gene {@code j} (1-based, as in the data set). */
    public static String geneName(int j) {
        return "gene_" + j;
    }

    public static SimulatedData simulate(SimulationSettings s) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        Mixture zMix = Mixture.random(s.components(), s.sharedDim(), rng);
        Mixture tMix = Mixture.random(s.components(), s.salientDim(), rng);
        List<double[][]> mixing = mixingWeights(s, rng);

        int nb = s.backgroundCells();
        int nt = s.targetCells();
        double[][] zb = new double[nb][s.sharedDim()];
        double[][] zt = new double[nt][s.sharedDim()];
        double[][] tt = new double[nt][s.salientDim()];
        int[] tComp = new int[nt];
        int[] zComp = new int[nt];
        for (double[] row : zb) {
            zMix.draw(row, rng);
        }
        for (int i = 0; i < nt; i++) {
            zComp[i] = zMix.draw(zt[i], rng);
            tComp[i] = tMix.draw(tt[i], rng);
        }
        double[][] fb = new double[nb][];
        double[][] ft = new double[nt][];
        for (int i = 0; i < nb; i++) {
            fb[i] = TrueMixing.network(mixing, s.mixingActivation(),
                    TrueMixing.concat(zb[i], new double[s.salientDim()]));
        }
        for (int i = 0; i < nt; i++) {
            ft[i] = TrueMixing.network(mixing, s.mixingActivation(), TrueMixing.concat(zt[i], tt[i]));
        }
        double[] geneMean = new double[s.genes()];
        double[] geneScale = new double[s.genes()];
        standardiseGenes(fb, ft, geneMean, geneScale);
        double[][] xb = observe(fb, s, rng);
        double[][] xt = observe(ft, s, rng);
        List<String> genes = new ArrayList<>();
        for (int j = 1; j <= s.genes(); j++) {
            genes.add(geneName(j));
        }
        ContrastiveDataset data = new ContrastiveDataset(genes,
                CellSet.withDefaultIds(Condition.BACKGROUND, DenseCellMatrix.of(xb)),
                CellSet.withDefaultIds(Condition.TARGET, DenseCellMatrix.of(xt)));
        return new SimulatedData(data, s, zb, zt, tt, tComp, zComp, new TrueMixing(mixing, geneMean, geneScale,
                s.mixingActivation()));
    }

    /**
     * Weight matrices (with a bias row last) of the mixing network (k_z + k_t) -> width ... -> genes; the same draws
     * whatever the activation.
     */
    private static List<double[][]> mixingWeights(SimulationSettings s, SplittableRandom rng) {
        List<double[][]> layers = new ArrayList<>();
        int in = s.sharedDim() + s.salientDim();
        int width = Math.max(s.genes(), in);
        for (int l = 0; l <= s.mixingLayers(); l++) {
            int out = l == s.mixingLayers() ? s.genes() : width;
            double[][] w = new double[in + 1][out];
            double scale = 1 / Math.sqrt(in);
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    w[i][j] = Gaussians.next(rng) * scale;
                }
            }
            for (int j = 0; j < out; j++) {
                w[in][j] = 0.1 * Gaussians.next(rng);
            }
            layers.add(w);
            in = out;
        }
        return layers;
    }

    /**
     * Centres and scales each gene to unit variance over all cells, so the noise scale is comparable; writes each
     * gene's mean and standard deviation into {@code mean} and {@code sd} (the truth needs them).
     */
    private static void standardiseGenes(double[][] a, double[][] b, double[] meanOut, double[] sdOut) {
        int g = a[0].length;
        int n = a.length + b.length;
        for (int j = 0; j < g; j++) {
            double sum = 0;
            double sq = 0;
            for (double[][] m : List.of(a, b)) {
                for (double[] row : m) {
                    sum += row[j];
                    sq += row[j] * row[j];
                }
            }
            double mean = sum / n;
            double sd = Math.sqrt(Math.max(sq / n - mean * mean, 1e-12));
            meanOut[j] = mean;
            sdOut[j] = sd;
            for (double[][] m : List.of(a, b)) {
                for (double[] row : m) {
                    row[j] = (row[j] - mean) / sd;
                }
            }
        }
    }

    private static double[][] observe(double[][] f, SimulationSettings s, SplittableRandom rng) {
        double[][] x = new double[f.length][f[0].length];
        for (int i = 0; i < f.length; i++) {
            switch (s.noise()) {
                case GAUSSIAN:
                    for (int j = 0; j < x[i].length; j++) {
                        x[i][j] = f[i][j] + s.noiseScale() * Gaussians.next(rng);
                    }
                    break;
                case POISSON:
                case NEGATIVE_BINOMIAL: {
                    double library = s.meanLibrary() * Math.exp(0.25 * Gaussians.next(rng) - 0.03125);
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : f[i]) {
                        max = Math.max(max, v);
                    }
                    double norm = 0;
                    double[] p = new double[f[i].length];
                    for (int j = 0; j < p.length; j++) {
                        p[j] = Math.exp(f[i][j] - max);
                        norm += p[j];
                    }
                    for (int j = 0; j < p.length; j++) {
                        double mean = library * p[j] / norm;
                        if (s.noise() == org.cdgm.engine.model.Likelihood.NEGATIVE_BINOMIAL) {
                            mean = CountSampler.gamma(s.dispersion(), mean / s.dispersion(), rng);
                        }
                        x[i][j] = CountSampler.poisson(mean, rng);
                    }
                    if (sum(x[i]) == 0) {
                        x[i][argmax(p)] = 1; // keep every cell non-empty, as a real filtered data set is
                    }
                    break;
                }
                default:
                    throw new AssertionError(s.noise());
            }
        }
        return x;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}
