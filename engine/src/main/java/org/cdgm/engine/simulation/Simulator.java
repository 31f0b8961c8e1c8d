package org.cdgm.engine.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.model.distributions.CountSampler;
import org.cdgm.engine.model.distributions.GaussianMixture;
import org.cdgm.engine.model.distributions.Gaussians;
import org.cdgm.engine.model.distributions.NoiseLevels;
import org.cdgm.engine.model.distributions.ObservationModel;
import org.cdgm.engine.model.distributions.ObservationSampler;

/**
 * Draws a {@link SimulatedData} set; the same settings (seed included) give the same data. Codes and observations
 * are drawn by the model's own distribution classes ({@link GaussianMixture}, the likelihood's
 * {@link ObservationSampler}), so simulation and model agree on what each likelihood means.
 */
public final class Simulator {
    private Simulator() {
    }

    /**
     * The true prior of one latent block: a mixture of equally weighted Gaussians with means uniform in [-2.5, 2.5]
     * and standard deviations uniform in [0.3, 0.7] per coordinate, drawn component by component.
     */
    private static GaussianMixture randomMixture(int components, int dim, SplittableRandom rng) {
        double[][] m = new double[components][dim];
        double[][] s = new double[components][dim];
        for (int k = 0; k < components; k++) {
            for (int j = 0; j < dim; j++) {
                m[k][j] = (2 * rng.nextDouble() - 1) * 2.5;
                s[k][j] = 0.3 + 0.4 * rng.nextDouble();
            }
        }
        return new GaussianMixture(m, s, null);
    }

    /** Name of simulated gene {@code j} (1-based, as in the data set). */
    public static String geneName(int j) {
        return "gene_" + j;
    }

    /**
     * Draws a data set as Lopez et al. (CLeaR 2024) simulate comparative data: per latent block a random mixture of
     * equally weighted Gaussians ({@link SimulationSettings#components()} components, means in [-2.5, 2.5], standard
     * deviations in [0.3, 0.7]); a random mixing network ({@link SimulationSettings#mixingLayers()} hidden layers of
     * max(genes, k_z + k_t) units, leaky ReLU or tanh) from [z | t] to genes, t = 0 for background cells; each gene
     * of the noiseless expression standardised to mean 0 and variance 1 over all cells; then observation noise drawn
     * by the {@link SimulationSettings#noise()} likelihood's own sampler ({@link ObservationModel#sampler(NoiseLevels,
     * int)}, the class that also samples a fitted model): Gaussian with standard deviation
     * {@link SimulationSettings#noiseScale()} (in gene standard deviations), or counts with mean library size x
     * softmax(expression), the library size log-normal with mean {@link SimulationSettings#meanLibrary()} (log
     * standard deviation 0.25), negative binomial
     * with inverse dispersion {@link SimulationSettings#dispersion()}; a count cell left empty gets one count at
     * its most expressed gene. Every random number comes from one generator seeded with
     * {@link SimulationSettings#seed()}, in a fixed order: mixtures, network weights, codes, noise.
     *
     * @param s the settings (validated by their constructor)
     * @return n_b background and n_t target cells x {@code genes} values (Gaussian: real values in gene standard
     *         deviations; counts: whole numbers), genes named {@link #geneName}, with the true codes (n_b x k_z,
     *         n_t x k_z, n_t x k_t), each target cell's mixture components and the true mixing
     * @throws NullPointerException when {@code s} is null (settings check everything else when built)
     */
    public static SimulatedData simulate(SimulationSettings s) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        GaussianMixture zMix = randomMixture(s.components(), s.sharedDim(), rng);
        GaussianMixture tMix = randomMixture(s.components(), s.salientDim(), rng);
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

    /**
     * Observations of noiseless expressions {@code f} (cells x genes), a cell at a time: for count noise first the
     * cell's library size, then its values from the likelihood's sampler.
     */
    private static double[][] observe(double[][] f, SimulationSettings s, SplittableRandom rng) {
        ObservationSampler noise = s.noise().standalone(s.genes())
                .sampler(new NoiseLevels(s.noiseScale(), s.dispersion()), s.genes());
        boolean counts = s.noise().isCount();
        double[][] x = new double[f.length][f[0].length];
        for (int i = 0; i < f.length; i++) {
            double library = counts ? s.meanLibrary() * Math.exp(0.25 * Gaussians.next(rng) - 0.03125) : Double.NaN;
            noise.draw(f[i], library, x[i], rng);
            if (counts && sum(x[i]) == 0) {
                // keep every cell non-empty, as a real filtered data set is
                x[i][argmax(CountSampler.unnormalisedShares(f[i]))] = 1;
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
