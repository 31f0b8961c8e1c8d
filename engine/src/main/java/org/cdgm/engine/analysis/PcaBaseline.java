package org.cdgm.engine.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealVector;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.InvalidInputException;

/**
 * The plain baseline a perturbation analysis should beat: principal components of log-normalised counts, as in
 * scPerturb's E-statistics (Peidli et al. 2024, Nature Methods 21:531-540) and the standard scanpy recipe
 * ({@code sc.pp.normalize_total(target_sum=1e4)}, {@code sc.pp.log1p}, {@code sc.pp.pca} without scaling; Wolf et
 * al. 2018, Genome Biology 19:15). Each cell's counts are divided by its total and multiplied by 10,000, then
 * log(1 + x) is taken; each gene is centred (within each batch when batches are given, which removes a batch's
 * mean shift gene by gene: "genes centred per replicate"); the cells are projected on the leading eigenvectors of
 * the genes x genes covariance (Apache Commons Math's symmetric eigendecomposition; cost genes³, fine up to a few
 * thousand genes). Each component's sign is fixed so that its largest-magnitude gene weight is positive.
 */
public final class PcaBaseline {
    private PcaBaseline() {
    }

    /**
     * @param counts     cells x genes raw counts (non-negative, each cell with a positive total)
     * @param components principal components kept, 1 to the number of genes
     * @param batches    batch (e.g. replicate) of each cell, or null to centre over all cells
     * @return cells x components scores, in log-normalised expression units, components by decreasing variance
     * @throws InvalidInputException when components is out of range, a count is negative or not finite, a cell's
     *                               total is zero (the message names the cell, 1-based), or batches do not match
     *                               the cells in number
     */
    public static double[][] logNormalisedComponents(CellMatrix counts, int components, String[] batches) {
        int n = counts.cells();
        int g = counts.genes();
        if (components < 1 || components > g) {
            throw new InvalidInputException("The number of principal components must be between 1 and the number "
                    + "of genes (" + g + "), got " + components + ".");
        }
        if (n < 2) {
            throw new InvalidInputException("Principal components need at least 2 cells, got " + n + ".");
        }
        if (batches != null && batches.length != n) {
            throw new InvalidInputException("There are " + n + " cells but " + batches.length
                    + " batch values; give one batch per cell.");
        }
        double[][] x = logNormalised(counts);
        centre(x, batches);
        double[][] cov = new double[g][g]; // X'X: the covariance times (n - 1), the same eigenvectors
        for (double[] row : x) {
            for (int j = 0; j < g; j++) {
                double v = row[j];
                double[] cj = cov[j];
                for (int k = j; k < g; k++) {
                    cj[k] += v * row[k];
                }
            }
        }
        for (int j = 0; j < g; j++) {
            for (int k = j; k < g; k++) {
                cov[k][j] = cov[j][k];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(MatrixUtils.createRealMatrix(cov));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[g];
        for (int i = 0; i < g; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        double[][] loadings = new double[components][];
        for (int c = 0; c < components; c++) {
            loadings[c] = signFixed(eig.getEigenvector(order[c]));
        }
        double[][] scores = new double[n][components];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < components; c++) {
                double s = 0;
                for (int j = 0; j < g; j++) {
                    s += x[i][j] * loadings[c][j];
                }
                scores[i][c] = s;
            }
        }
        return scores;
    }

    /** log1p(count / cell total × 10,000), cells x genes. */
    static double[][] logNormalised(CellMatrix counts) {
        int n = counts.cells();
        int g = counts.genes();
        double[][] x = new double[n][g];
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = 0; j < g; j++) {
                double v = counts.get(i, j);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new InvalidInputException("Cell " + (i + 1) + ", gene " + (j + 1) + " has count " + v
                            + "; counts must be finite and not negative.");
                }
                x[i][j] = v;
                total += v;
            }
            if (total == 0) {
                throw new InvalidInputException("Cell " + (i + 1) + " has no counts (total 0), so it cannot be "
                        + "normalised; remove cells without counts first.");
            }
            for (int j = 0; j < g; j++) {
                x[i][j] = Math.log1p(x[i][j] / total * 1e4);
            }
        }
        return x;
    }

    /** Subtracts each gene's mean over the cells of the same batch (all cells when batches is null). */
    static void centre(double[][] x, String[] batches) {
        int g = x.length == 0 ? 0 : x[0].length;
        Map<String, double[]> sums = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            String b = batches == null ? "" : batches[i];
            double[] s = sums.computeIfAbsent(b, k -> new double[g]);
            for (int j = 0; j < g; j++) {
                s[j] += x[i][j];
            }
            sizes.merge(b, 1, Integer::sum);
        }
        for (int i = 0; i < x.length; i++) {
            String b = batches == null ? "" : batches[i];
            double[] s = sums.get(b);
            int m = sizes.get(b);
            for (int j = 0; j < g; j++) {
                x[i][j] -= s[j] / m;
            }
        }
    }

    private static double[] signFixed(RealVector v) {
        double[] w = v.toArray();
        int big = 0;
        for (int j = 1; j < w.length; j++) {
            if (Math.abs(w[j]) > Math.abs(w[big])) {
                big = j;
            }
        }
        if (w[big] < 0) {
            for (int j = 0; j < w.length; j++) {
                w[j] = -w[j];
            }
        }
        return w;
    }
}
