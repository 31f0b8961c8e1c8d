package org.cdgm.engine.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.InvalidInputException;

/** Gene selection and library sizes on an {@link AnnotatedMatrix}; every result is a new view, inputs unchanged. */
public final class Preprocessing {
    private Preprocessing() {
    }

    /** Total counts of each cell. */
    public static double[] librarySizes(CellMatrix m) {
        double[] out = new double[m.cells()];
        for (int i = 0; i < m.cells(); i++) {
            out[i] = m.rowSum(i);
        }
        return out;
    }

    /** Number of cells in which each gene is non-zero. */
    public static int[] cellsExpressing(CellMatrix m) {
        int[] count = new int[m.genes()];
        m.forEachRow((i, row, offset) -> {
            for (int g = 0; g < count.length; g++) {
                if (row[offset + g] != 0) {
                    count[g]++;
                }
            }
            return true;
        });
        return count;
    }

    /** Keeps genes expressed (non-zero) in at least {@code minCells} cells. */
    public static AnnotatedMatrix filterGenes(AnnotatedMatrix a, int minCells) {
        int[] count = cellsExpressing(a.matrix());
        int[] keep = IntStream.range(0, count.length).filter(g -> count[g] >= minCells).toArray();
        if (keep.length == 0) {
            throw new InvalidInputException("No gene is expressed in at least " + minCells + " cells (the most "
                    + "expressed is in " + Arrays.stream(count).max().orElse(0) + "); lower the minimum");
        }
        return selectGenes(a, keep);
    }

    /**
     * The {@code top} most variable genes, scanpy's {@code highly_variable_genes(flavor="seurat")} on
     * log1p(10,000 x counts / library) as scanpy computes it: per gene, mean and variance (n - 1) of the normalised
     * counts (scanpy takes expm1 of the log data first), dispersion log(variance / mean) (undefined for a constant
     * gene), then log1p(mean); dispersions z-scored within 20 equal-width bins of that mean. Returned in their
     * original order.
     */
    public static AnnotatedMatrix highlyVariableGenes(AnnotatedMatrix a, int top) {
        CellMatrix m = a.matrix();
        if (top < 1) {
            throw new InvalidInputException("Setting 'Highly variable genes' must be at least 1, got " + top);
        }
        if (top >= m.genes()) {
            return a;
        }
        int genes = m.genes();
        double[] sum = new double[genes];
        double[] sq = new double[genes];
        m.forEachRow((i, row, offset) -> {
            double lib = 0;
            for (int g = 0; g < genes; g++) {
                lib += row[offset + g];
            }
            double scale = lib > 0 ? 1e4 / lib : 0;
            // expm1(log1p(x)): scanpy's seurat flavour works on normalised counts
            for (int g = 0; g < genes; g++) {
                double v = row[offset + g] * scale;
                sum[g] += v;
                sq[g] += v * v;
            }
            return true;
        });
        int n = m.cells();
        double[] mean = new double[genes];
        double[] dispersion = new double[genes];
        for (int g = 0; g < genes; g++) {
            double mu = sum[g] / n;
            double var = n > 1 ? Math.max(0, (sq[g] - n * mu * mu) / (n - 1)) : 0;
            mu = mu == 0 ? 1e-12 : mu;
            double d = var / mu;
            dispersion[g] = d > 0 ? Math.log(d) : Double.NaN; // scanpy: a zero dispersion is NaN, never selected
            mean[g] = Math.log1p(mu);
        }
        double[] normalised = binZScores(mean, dispersion, 20);
        Integer[] order = IntStream.range(0, genes).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (x, y) -> Double.compare(normalised[y], normalised[x]));
        int[] keep = Arrays.stream(order, 0, top).mapToInt(Integer::intValue).sorted().toArray();
        return selectGenes(a, keep);
    }

    /**
     * z-scores of values within equal-width bins of the key. A bin with a single gene has no spread; as in scanpy,
     * such a gene scores 1 (its dispersion over itself).
     */
    static double[] binZScores(double[] key, double[] value, int bins) {
        double lo = Arrays.stream(key).min().orElse(0);
        double hi = Arrays.stream(key).max().orElse(1);
        double width = (hi - lo) / bins + 1e-300;
        Map<Integer, List<Integer>> byBin = new LinkedHashMap<>();
        for (int g = 0; g < key.length; g++) {
            int b = (int) Math.min(bins - 1, Math.floor((key[g] - lo) / width));
            byBin.computeIfAbsent(b, k -> new ArrayList<>()).add(g);
        }
        double[] z = new double[key.length];
        for (List<Integer> members : byBin.values()) {
            double s = 0;
            int finite = 0;
            for (int g : members) {
                if (Double.isFinite(value[g])) {
                    s += value[g];
                    finite++;
                }
            }
            double mu = finite > 0 ? s / finite : 0;
            double ss = 0;
            for (int g : members) {
                if (Double.isFinite(value[g])) {
                    ss += (value[g] - mu) * (value[g] - mu);
                }
            }
            double sd = finite > 1 ? Math.sqrt(ss / (finite - 1)) : 0;
            for (int g : members) {
                z[g] = !Double.isFinite(value[g]) ? Double.NEGATIVE_INFINITY : finite == 1 ? 1.0
                        : sd > 0 ? (value[g] - mu) / sd : 0;
            }
        }
        return z;
    }

    public static AnnotatedMatrix selectGenes(AnnotatedMatrix a, int[] genes) {
        int[] all = IntStream.range(0, a.matrix().cells()).toArray();
        List<String> names = Arrays.stream(genes).mapToObj(a.genes()::get).toList();
        return new AnnotatedMatrix(new SubsetCellMatrix(a.matrix(), all, genes), names, a.cellIds(), a.metadata(),
                a.warnings());
    }

    /** The given cells, in order, with their metadata. */
    public static AnnotatedMatrix selectCells(AnnotatedMatrix a, int[] cells) {
        int[] allGenes = IntStream.range(0, a.matrix().genes()).toArray();
        return new AnnotatedMatrix(new SubsetCellMatrix(a.matrix(), cells, allGenes), a.genes(),
                Arrays.stream(cells).mapToObj(a.cellIds()::get).toList(), a.metadata().select(cells), a.warnings());
    }
}
