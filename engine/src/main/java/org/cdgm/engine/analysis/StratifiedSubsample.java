package org.cdgm.engine.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded draw without replacement of at most {@code max} of {@code n} cells, each stratum (replicate) keeping its
 * share: stratum s gets floor(max·n_s/n) cells plus one for the strata with the largest remainders (Hamilton's
 * largest-remainder rounding, ties to the first stratum seen), so the draw holds exactly {@code max} cells.
 */
final class StratifiedSubsample {
    private StratifiedSubsample() {
    }

    /**
     * @param strata one per cell, or null for one stratum; a null entry is a stratum of its own
     * @return sorted indices of the cells kept: all of them when {@code n <= max}
     */
    static int[] draw(int n, String[] strata, int max, SplittableRandom random) {
        if (n <= max) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        List<int[]> groups = byStratum(n, strata);
        int[] quota = new int[groups.size()];
        double[] remainder = new double[groups.size()];
        int taken = 0;
        for (int s = 0; s < groups.size(); s++) {
            double exact = (double) max * groups.get(s).length / n;
            quota[s] = (int) Math.floor(exact);
            remainder[s] = exact - quota[s];
            taken += quota[s];
        }
        for (; taken < max; taken++) {
            int best = -1;
            for (int s = 0; s < groups.size(); s++) {
                if (quota[s] < groups.get(s).length && (best < 0 || remainder[s] > remainder[best])) {
                    best = s;
                }
            }
            quota[best]++;
            remainder[best] = -1;
        }
        int[] kept = new int[max];
        int k = 0;
        for (int s = 0; s < groups.size(); s++) {
            int[] members = groups.get(s);
            for (int i = 0; i < quota[s]; i++) { // partial Fisher-Yates: the first quota[s] become a uniform draw
                int j = i + random.nextInt(members.length - i);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
                kept[k++] = members[i];
            }
        }
        Arrays.sort(kept);
        return kept;
    }

    /** The cells of each stratum, strata in order of first appearance. */
    static List<int[]> byStratum(int n, String[] strata) {
        if (strata == null) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return List.of(all);
        }
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(strata[i], s -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> m : members.values()) {
            out.add(m.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }
}
