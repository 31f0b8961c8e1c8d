package org.cdgm.engine.analysis;

import java.util.SplittableRandom;

import org.cdgm.engine.data.InvalidInputException;

/**
 * A permutation test of "two groups of cells come from the same distribution" with the {@link EnergyDistance} as
 * statistic (Székely and Rizzo 2004; the E-test of scPerturb, Peidli et al. 2024, Nature Methods 21:531-540).
 *
 * <p>Each group larger than {@code maxCellsPerGroup} is first subsampled, seeded and without replacement, each
 * stratum keeping its share; the distance reported and tested is that of the subsample (it estimates the same
 * population energy distance as the full groups, with more noise). This bounds the cost: the pooled distance matrix
 * of at most 2·maxCellsPerGroup cells is computed once, and each permutation costs the sum over the pairs of the
 * smaller group.
 *
 * <p>With strata (e.g. biological replicates), group labels are shuffled only within each stratum, keeping how
 * many cells of each group each stratum has; a group over-represented in one replicate is then not called
 * different merely because that replicate differs (a restricted permutation test; Good 2005, "Permutation,
 * Parametric and Bootstrap Tests of Hypotheses", Springer). A stratum that only one group has keeps its cells in
 * that group.
 *
 * <p>p = (1 + #{permuted E ≥ observed E}) / (1 + permutations), never 0 (Phipson and Smyth 2010, "Permutation
 * p-values should never be zero", Stat. Appl. Genet. Mol. Biol. 9:39). Permuted values within a relative
 * 1e-9 of the mean pairwise distance below the observed count as ties, so a relabelling that gives the same
 * split (e.g. the two groups swapped when they have equal sizes) is not lost to rounding. Deterministic for a
 * seed.
 */
public final class EnergyTest {
    /** Above this, the pooled distance matrix ((2·max)² floats) would take more than 400 MB. */
    public static final int MAX_CELLS_LIMIT = 5_000;
    /** More permutations resolve p below 1e-5, which no correction over a screen's labels needs; minutes per label. */
    public static final int MAX_PERMUTATIONS = 100_000;

    private final int permutations;
    private final int maxCellsPerGroup;
    private final long seed;

    /**
     * @param distance     energy distance of the subsamples tested, in the units of the coordinates
     * @param pValue       permutation p-value, in (0, 1]; NaN when no stratum holds cells of both groups (no
     *                     relabelling within strata exists)
     * @param cellsA       cells of the first group used (after subsampling)
     * @param cellsB       cells of the second group used (after subsampling)
     * @param permutations permutations drawn
     * @param coefficient  the distance over twice the mean distance between the groups, in [0, 1] whatever the
     *                     coordinates' scale (0 = same distribution; Rizzo & Szekely 2016)
     */
    public record Result(double distance, double pValue, int cellsA, int cellsB, int permutations,
                         double coefficient) {
    }

    /**
     * @param permutations     random relabellings, 1 to {@value #MAX_PERMUTATIONS} (1,000 resolve p down to 0.001)
     * @param maxCellsPerGroup cells per group kept before testing, 2 to {@value #MAX_CELLS_LIMIT}
     * @param seed             seeds the subsampling and the permutations
     * @throws InvalidInputException when a setting is out of range; the message names it
     */
    public EnergyTest(int permutations, int maxCellsPerGroup, long seed) {
        if (permutations < 1 || permutations > MAX_PERMUTATIONS) {
            throw new InvalidInputException("The number of permutations must be between 1 and " + MAX_PERMUTATIONS
                    + ", got " + permutations + ".");
        }
        if (maxCellsPerGroup < 2 || maxCellsPerGroup > MAX_CELLS_LIMIT) {
            throw new InvalidInputException("The maximum cells per group must be between 2 and " + MAX_CELLS_LIMIT
                    + ", got " + maxCellsPerGroup + " (larger groups are subsampled to it; the test holds a "
                    + "distance matrix of twice as many cells squared).");
        }
        this.permutations = permutations;
        this.maxCellsPerGroup = maxCellsPerGroup;
        this.seed = seed;
    }

    /**
     * @param a       first group, cells x dimensions
     * @param aStrata stratum of each cell of {@code a} (e.g. replicate), or null for one stratum
     * @param b       second group, cells x dimensions, the same dimensions as {@code a}
     * @param bStrata stratum of each cell of {@code b}, null exactly when {@code aStrata} is
     * @throws InvalidInputException when a group is empty, ragged or not finite, the dimensions differ, or the
     *                               strata are given for one group only or do not match its cells in number
     */
    public Result test(double[][] a, String[] aStrata, double[][] b, String[] bStrata) {
        int da = Points.require(a, "the first group");
        int db = Points.require(b, "the second group");
        Points.sameDimensions(da, "the first group", db, "the second group");
        if ((aStrata == null) != (bStrata == null)) {
            throw new InvalidInputException("Strata are given for the " + (aStrata == null ? "second" : "first")
                    + " group only; give them for both groups or for neither.");
        }
        requireLength(aStrata, a.length, "first");
        requireLength(bStrata, b.length, "second");
        SplittableRandom root = new SplittableRandom(seed);
        int[] keepA = StratifiedSubsample.draw(a.length, aStrata, maxCellsPerGroup, root.split());
        int[] keepB = StratifiedSubsample.draw(b.length, bStrata, maxCellsPerGroup, root.split());
        int n = keepA.length + keepB.length;
        double[][] pooled = new double[n][];
        String[] strata = aStrata == null ? null : new String[n];
        for (int i = 0; i < keepA.length; i++) {
            pooled[i] = a[keepA[i]];
            if (strata != null) {
                strata[i] = aStrata[keepA[i]];
            }
        }
        for (int i = 0; i < keepB.length; i++) {
            pooled[keepA.length + i] = b[keepB[i]];
            if (strata != null) {
                strata[keepA.length + i] = bStrata[keepB[i]];
            }
        }
        PooledDistances d = new PooledDistances(pooled, keepA.length);
        double p = d.permutationPValue(strata, permutations, root.split());
        return new Result(d.observedDistance(), p, keepA.length, keepB.length, permutations,
                d.observedCoefficient());
    }

    private static void requireLength(String[] strata, int cells, String which) {
        if (strata != null && strata.length != cells) {
            throw new InvalidInputException("The " + which + " group has " + cells + " cells but " + strata.length
                    + " strata; give one stratum per cell.");
        }
    }
}
