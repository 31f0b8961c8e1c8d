package org.cdgm.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;

/**
 * The genes each salient dimension moves: for dimension k and gene g, the mean over target cells of the slope of
 * the decoded expression along t_k, d log2 f_g(z, t) / d t_k for counts (d f_g / d t_k for the Gaussian
 * likelihood), times the dimension's spread (the standard deviation of t_k over the cells), so that a loading reads
 * "log2 fold change per standard deviation of the dimension". It is the nonlinear counterpart of a PCA or cPCA
 * loading (Abid et al. 2018): with a piecewise affine (ReLU) decoder the slope is constant within each linear
 * region, and its mean over the cells is the decoder's average effect.
 *
 * <p>Slopes are central finite differences with a step of 1% of the spread, exact within a linear region of the
 * ReLU decoder. Uncertainty: the loadings are computed at {@code draws} posterior draws of the codes; their mean and
 * standard deviation over the draws are reported, so a gene whose sign changes from draw to draw is seen as
 * unreliable.
 */
public final class GeneLoadings {
    private static final double STEP = 0.01;

    private GeneLoadings() {
    }

    /**
     * @param draws    posterior draws of the codes (>= 1; 1 uses the posterior means only), 5 by default
     * @param maxCells at most this many cells (a seeded random subset) enter the mean, 2,000 by default (>= 1)
     * @param seed     of the subset and the draws
     */
    public record Settings(int draws, int maxCells, long seed) {
        public Settings {
            if (draws < 1) {
                throw new InvalidInputException("Posterior draws must be at least 1, got " + draws);
            }
            if (maxCells < 1) {
                throw new InvalidInputException("Maximum cells must be at least 1, got " + maxCells);
            }
        }

        public static Settings defaults() {
            return new Settings(5, 2000, 0);
        }
    }

    /**
     * @param genes        the model's genes
     * @param mean         genes x k_t: mean loading over the draws (log2 fold change per sd for counts)
     * @param sd           genes x k_t: standard deviation of the loading over the draws (NaN with one draw: not
     *                     measured)
     * @param dimensionSd  per salient dimension, its standard deviation over the cells (the unit of the loadings)
     * @param cells        cells averaged over
     */
    public record Result(List<String> genes, double[][] mean, double[][] sd, double[] dimensionSd, int cells) {
        public int dimensions() {
            return dimensionSd.length;
        }

        /** The genes of dimension {@code k} (0-based) ranked by |mean loading|, largest first. */
        public List<Loading> ranked(int k) {
            List<Loading> out = new ArrayList<>();
            for (int g = 0; g < genes.size(); g++) {
                out.add(new Loading(genes.get(g), k + 1, mean[g][k], sd[g][k]));
            }
            out.sort(Comparator.comparingDouble((Loading l) -> Math.abs(l.loading())).reversed());
            return out;
        }
    }

    /** One gene's loading on one salient dimension (numbered from 1, as salient_1 ...). */
    public record Loading(String gene, int dimension, double loading, double sd) {
    }

    /**
     * @param posterior  the encoders' posteriors of the cells, usually the target cells
     * @param batchCodes per cell its batch level, null without a batch covariate
     * @throws InvalidInputException when there are no cells
     */
    public static Result compute(TrainedModel model, Posterior posterior, int[] batchCodes, Settings settings) {
        int n = posterior.cells();
        if (n == 0) {
            throw new InvalidInputException("Gene loadings need cells; there are none");
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[] cells = subset(n, settings.maxCells(), random);
        Counterfactual cf = new Counterfactual(model, posterior, batchCodes);
        int kt = model.config().salientDim();
        int genes = model.genes().size();
        Posterior chosen = posterior.rows(cells);
        double[] spread = spread(chosen.salientMean(), kt);
        double[][] sum = new double[genes][kt];
        double[][] sumSq = new double[genes][kt];
        for (int d = 0; d < settings.draws(); d++) {
            Embedding codes = settings.draws() == 1 ? chosen.means() : chosen.sample(random);
            for (int k = 0; k < kt; k++) {
                double h = STEP * (spread[k] > 0 ? spread[k] : 1);
                double[][] plus = cf.expression(codes.shared(), shifted(codes.salient(), k, h), cells);
                double[][] minus = cf.expression(codes.shared(), shifted(codes.salient(), k, -h), cells);
                double[] slope = new double[genes];
                for (int i = 0; i < cells.length; i++) {
                    for (int g = 0; g < genes; g++) {
                        double diff = cf.counts() ? Counterfactual.log2(plus[i][g] / minus[i][g])
                                : plus[i][g] - minus[i][g];
                        slope[g] += diff / (2 * h);
                    }
                }
                for (int g = 0; g < genes; g++) {
                    double loading = slope[g] / cells.length * (spread[k] > 0 ? spread[k] : 1);
                    sum[g][k] += loading;
                    sumSq[g][k] += loading * loading;
                }
            }
        }
        double[][] mean = new double[genes][kt];
        double[][] sd = new double[genes][kt];
        int draws = settings.draws();
        for (int g = 0; g < genes; g++) {
            for (int k = 0; k < kt; k++) {
                mean[g][k] = sum[g][k] / draws;
                sd[g][k] = draws < 2 ? Double.NaN : Math.sqrt(Math.max(0, (sumSq[g][k] - draws * mean[g][k] * mean[g][k])
                        / (draws - 1)));
            }
        }
        return new Result(model.genes(), mean, sd, spread, cells.length);
    }

    /** All cells, or a seeded random subset of {@code max} in increasing order. */
    static int[] subset(int n, int max, SplittableRandom random) {
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        if (n <= max) {
            return all;
        }
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] out = java.util.Arrays.copyOf(all, max);
        java.util.Arrays.sort(out);
        return out;
    }

    private static double[] spread(double[][] t, int kt) {
        double[] sd = new double[kt];
        for (int k = 0; k < kt; k++) {
            double m = 0;
            for (double[] row : t) {
                m += row[k];
            }
            m /= t.length;
            double v = 0;
            for (double[] row : t) {
                v += (row[k] - m) * (row[k] - m);
            }
            sd[k] = t.length < 2 ? 0 : Math.sqrt(v / (t.length - 1));
        }
        return sd;
    }

    private static double[][] shifted(double[][] t, int k, double h) {
        double[][] out = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i].clone();
            out[i][k] += h;
        }
        return out;
    }
}
