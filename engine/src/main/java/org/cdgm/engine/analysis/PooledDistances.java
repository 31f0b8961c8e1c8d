package org.cdgm.engine.analysis;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The pairwise Euclidean distances of two pooled groups (cells 0..nA-1 the first, the rest the second) and the
 * energy statistic of any relabelling that keeps the group sizes. With row sums r and total T, a group G of size g
 * (the other H of size h) has S_GH = Σ_{i∈G} r_i − S_GG and S_HH = T − 2·Σ_{i∈G} r_i + S_GG, so
 * E = 2·S_GH/(g·h) − S_GG/g² − S_HH/h² needs only the within-G sum: a permutation costs g²/2 additions for the
 * smaller group G, and nothing is allocated in the loop. Distances are stored as float (half the memory and cache
 * of double; the statistic is summed in double and the observed one is computed from the same matrix, so the test
 * stays exact); {@link #observedDistance()} is summed from the double distances.
 */
final class PooledDistances {
    private final int n;
    private final int nA;
    private final float[] d;
    private final double[] rowSums;
    private final double total;
    private final double observed;
    /** Sum of the distances between the groups (each pair once). */
    private final double across;

    PooledDistances(double[][] pooled, int nA) {
        this.n = pooled.length;
        this.nA = nA;
        this.d = new float[n * n];
        this.rowSums = new double[n];
        double withinA = 0;
        double withinB = 0;
        double across = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dist = Points.distance(pooled[i], pooled[j]);
                d[i * n + j] = (float) dist;
                d[j * n + i] = (float) dist;
                if (j < nA) {
                    withinA += dist;
                } else if (i >= nA) {
                    withinB += dist;
                } else {
                    across += dist;
                }
            }
        }
        double t = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += d[i * n + j];
            }
            rowSums[i] = s;
            t += s;
        }
        this.total = t;
        int nB = n - nA;
        this.across = across;
        this.observed = 2 * across / ((double) nA * nB) - 2 * withinA / ((double) nA * nA)
                - 2 * withinB / ((double) nB * nB);
    }

    /** The energy distance of the two groups as given, from the double-precision distances. */
    double observedDistance() {
        return observed;
    }

    /**
     * The energy distance over twice the mean distance between the groups: H in [0, 1], 0 for the same
     * distribution, free of the coordinates' scale (Rizzo & Szekely 2016, "Energy distance", WIREs Comput Stat
     * 8:27-38), so that spaces of different spread can be compared.
     */
    double observedCoefficient() {
        double meanAcross = across / ((double) nA * (n - nA));
        return meanAcross > 0 ? observed / (2 * meanAcross) : 0;
    }

    /**
     * @param strata one per pooled cell or null; labels are shuffled within each stratum
     * @return (1 + #{permuted ≥ observed − tolerance}) / (1 + permutations), or NaN when no stratum holds cells of
     *         both groups: then no relabelling exists and the data say nothing about chance (a replicate column
     *         confounded with the groups)
     */
    double permutationPValue(String[] strata, int permutations, SplittableRandom random) {
        boolean trackA = nA <= n - nA;
        int g = trackA ? nA : n - nA;
        int[] tracked = new int[g];
        for (int i = 0; i < g; i++) {
            tracked[i] = trackA ? i : nA + i;
        }
        double observedStat = statistic(tracked, g);
        double tolerance = 1e-9 * total / ((double) n * n);
        List<int[]> pools = StratifiedSubsample.byStratum(n, strata);
        int[] inTracked = new int[pools.size()];
        for (int s = 0; s < pools.size(); s++) {
            for (int i : pools.get(s)) {
                if (trackA == (i < nA)) {
                    inTracked[s]++;
                }
            }
        }
        boolean exchangeable = false;
        for (int s = 0; s < pools.size(); s++) {
            exchangeable |= inTracked[s] > 0 && inTracked[s] < pools.get(s).length;
        }
        if (!exchangeable) {
            return Double.NaN;
        }
        boolean[] mask = new boolean[n];
        int atLeast = 0;
        for (int p = 0; p < permutations; p++) {
            for (int s = 0; s < pools.size(); s++) {
                int[] pool = pools.get(s);
                int k = inTracked[s];
                for (int i = 0; i < k; i++) { // partial Fisher-Yates: a uniform k-subset of the stratum
                    int j = i + random.nextInt(pool.length - i);
                    int t = pool[i];
                    pool[i] = pool[j];
                    pool[j] = t;
                    mask[pool[i]] = true;
                }
            }
            int c = 0;
            for (int i = 0; i < n; i++) { // ascending order: the same split always sums in the same order
                if (mask[i]) {
                    tracked[c++] = i;
                    mask[i] = false;
                }
            }
            if (statistic(tracked, g) >= observedStat - tolerance) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (1.0 + permutations);
    }

    private double statistic(int[] group, int g) {
        double within = 0;
        double rows = 0;
        for (int p = 0; p < g; p++) {
            int base = group[p] * n;
            rows += rowSums[group[p]];
            double s = 0;
            for (int q = p + 1; q < g; q++) {
                s += d[base + group[q]];
            }
            within += s;
        }
        int h = n - g;
        double sGG = 2 * within;
        double sGH = rows - sGG;
        double sHH = total - 2 * rows + sGG;
        return 2 * sGH / ((double) g * h) - sGG / ((double) g * g) - sHH / ((double) h * h);
    }
}
