package org.cdgm.engine.analysis;

import static org.cdgm.engine.analysis.EnergyDistanceTest.assertMessage;
import static org.cdgm.engine.analysis.EnergyDistanceTest.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class EnergyTestTest {

    @Test
    void reportsTheEnergyDistanceOfTheGroupsWhenNotSubsampled() {
        Random r = new Random(1);
        double[][] a = gaussian(r, 30, 3, 0.5);
        double[][] b = gaussian(r, 45, 3, 0);
        EnergyTest.Result res = new EnergyTest(9, 500, 0).test(a, null, b, null);
        assertEquals(EnergyDistance.between(a, b), res.distance(), 1e-10);
        assertEquals(30, res.cellsA());
        assertEquals(45, res.cellsB());
        assertEquals(9, res.permutations());
    }

    @Test
    void strataThatHoldOnlyOneGroupEachAllowNoRelabellingSoThereIsNoPValue() {
        Random r = new Random(3);
        double[][] a = gaussian(r, 10, 2, 1.0);
        double[][] b = gaussian(r, 12, 2, 0);
        String[] aStrata = new String[10];
        String[] bStrata = new String[12];
        Arrays.fill(aStrata, "rep2");
        Arrays.fill(bStrata, "rep1");
        EnergyTest.Result res = new EnergyTest(99, 500, 0).test(a, aStrata, b, bStrata);
        assertTrue(Double.isNaN(res.pValue()), "p = " + res.pValue());
        assertTrue(res.distance() > 0);
        bStrata[0] = "rep2"; // one stratum with both groups: relabelling is possible again
        assertTrue(new EnergyTest(99, 500, 0).test(a, aStrata, b, bStrata).pValue() > 0);
    }

    @Test
    void theCoefficientIsTheDistanceOverTwiceTheMeanCrossDistanceWhateverTheScale() {
        Random r = new Random(2);
        double[][] a = gaussian(r, 20, 2, 1.0);
        double[][] b = gaussian(r, 25, 2, 0);
        double cross = 0;
        for (double[] x : a) {
            for (double[] y : b) {
                cross += Math.hypot(x[0] - y[0], x[1] - y[1]) / (20 * 25);
            }
        }
        EnergyTest.Result res = new EnergyTest(9, 500, 0).test(a, null, b, null);
        assertEquals(res.distance() / (2 * cross), res.coefficient(), 1e-12);
        assertTrue(res.coefficient() > 0 && res.coefficient() < 1, "H is in [0, 1]: " + res.coefficient());
        double[][] a10 = Arrays.stream(a).map(x -> new double[] {10 * x[0], 10 * x[1]}).toArray(double[][]::new);
        double[][] b10 = Arrays.stream(b).map(x -> new double[] {10 * x[0], 10 * x[1]}).toArray(double[][]::new);
        EnergyTest.Result scaled = new EnergyTest(9, 500, 0).test(a10, null, b10, null);
        assertEquals(10 * res.distance(), scaled.distance(), 1e-9);
        assertEquals(res.coefficient(), scaled.coefficient(), 1e-12);
    }

    @Test
    void pValueMatchesExactEnumerationOfAllRelabellings() {
        Random r = new Random(7);
        double[][] a = gaussian(r, 4, 2, 0.9);
        double[][] b = gaussian(r, 4, 2, 0);
        double exact = exactP(a, b, new int[] {0, 0, 0, 0}, new int[] {0, 0, 0, 0}); // all C(8,4) = 70 splits
        int perms = 20_000;
        double p = new EnergyTest(perms, 500, 11).test(a, null, b, null).pValue();
        assertTrue(exact > 0.03 && exact < 0.5, "pick data with a p-value in the middle: " + exact);
        assertEquals(exact, p, 4 * Math.sqrt(exact * (1 - exact) / perms) + 1.0 / perms, "exact " + exact);
    }

    @Test
    void stratifiedPValueMatchesExactEnumerationWithinStrata() {
        Random r = new Random(8);
        double[][] a = gaussian(r, 4, 2, 0.8);
        double[][] b = gaussian(r, 4, 2, 0);
        b[2][0] += 3; // stratum "s2" sits elsewhere
        b[3][0] += 3;
        a[2][0] += 3;
        a[3][0] += 3;
        String[] strata = {"s1", "s1", "s2", "s2"};
        // relabellings keeping 2 + 2 cells of each group per stratum: C(4,2)² = 36
        double exact = exactP(a, b, new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 1});
        int perms = 20_000;
        double p = new EnergyTest(perms, 500, 12).test(a, strata, b, strata).pValue();
        assertEquals(exact, p, 4 * Math.sqrt(exact * (1 - exact) / perms) + 1.0 / perms, "exact " + exact);
    }

    @Test
    void stratifiedPermutationRemovesAReplicateConfound() {
        // no group effect within a replicate, but the first group is mostly in replicate 1, which sits elsewhere
        Random r = new Random(21);
        List<double[]> a = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        List<String> sa = new ArrayList<>();
        List<String> sb = new ArrayList<>();
        add(a, sa, gaussian(r, 40, 2, 0), "rep1");
        add(a, sa, gaussian(r, 10, 2, 2), "rep2");
        add(b, sb, gaussian(r, 10, 2, 0), "rep1");
        add(b, sb, gaussian(r, 40, 2, 2), "rep2");
        double[][] xa = a.toArray(double[][]::new);
        double[][] xb = b.toArray(double[][]::new);
        EnergyTest test = new EnergyTest(999, 500, 4);
        double plain = test.test(xa, null, xb, null).pValue();
        double stratified = test.test(xa, sa.toArray(String[]::new), xb, sb.toArray(String[]::new)).pValue();
        assertEquals(0.001, plain, 1e-12, "unstratified: the replicate difference looks like an effect");
        assertTrue(stratified > 0.1, "stratified p = " + stratified);
    }

    @Test
    void keepsEachStratumsGroupCounts() {
        // each stratum holds one group only: the only allowed relabelling is the observed split, so there is no test
        Random r = new Random(2);
        double[][] a = gaussian(r, 12, 2, 5);
        double[][] b = gaussian(r, 15, 2, 0);
        String[] sa = new String[12];
        String[] sb = new String[15];
        Arrays.fill(sa, "rep1");
        Arrays.fill(sb, "rep2");
        assertTrue(Double.isNaN(new EnergyTest(99, 500, 0).test(a, sa, b, sb).pValue()));
        // a stratum only the first group has (rep3) stays put; the rest is still tested
        Arrays.fill(sa, 0, 6, "rep3");
        Arrays.fill(sb, 0, 8, "rep1");
        Arrays.fill(sa, 6, 12, "rep1");
        EnergyTest.Result res = new EnergyTest(99, 500, 0).test(a, sa, b, sb);
        assertEquals(0.01, res.pValue(), 1e-12);
    }

    @Test
    void nullCalibration() {
        // two samples of one distribution, 400 times: p < 0.05 should happen 9/200 = 4.5 % of the time
        Random r = new Random(99);
        int below = 0;
        int reps = 400;
        for (int rep = 0; rep < reps; rep++) {
            double[][] a = gaussian(r, 20, 3, 0);
            double[][] b = gaussian(r, 30, 3, 0);
            if (new EnergyTest(199, 500, rep).test(a, null, b, null).pValue() < 0.05) {
                below++;
            }
        }
        double fraction = (double) below / reps;
        assertTrue(fraction >= 0.02 && fraction <= 0.09, "fraction of p < 0.05 under the null: " + fraction);
    }

    @Test
    void stratifiedNullCalibrationWhenAGroupIsConfoundedWithAReplicate() {
        // no group effect, replicate 2 shifted; the first group mostly in replicate 1. Stratified: ~4.5 % of
        // p < 0.05; unstratified: the replicate shift is called an effect most of the time
        Random r = new Random(98);
        int stratifiedBelow = 0;
        int plainBelow = 0;
        int reps = 400;
        String[] sa = new String[20];
        String[] sb = new String[30];
        Arrays.fill(sa, 0, 16, "rep1");
        Arrays.fill(sa, 16, 20, "rep2");
        Arrays.fill(sb, 0, 10, "rep1");
        Arrays.fill(sb, 10, 30, "rep2");
        for (int rep = 0; rep < reps; rep++) {
            double[][] a = gaussian(r, 20, 3, 0);
            double[][] b = gaussian(r, 30, 3, 0);
            for (int i = 16; i < 20; i++) {
                a[i][0] += 2;
            }
            for (int i = 10; i < 30; i++) {
                b[i][0] += 2;
            }
            EnergyTest test = new EnergyTest(199, 500, rep);
            stratifiedBelow += test.test(a, sa, b, sb).pValue() < 0.05 ? 1 : 0;
            plainBelow += test.test(a, null, b, null).pValue() < 0.05 ? 1 : 0;
        }
        double fraction = (double) stratifiedBelow / reps;
        assertTrue(fraction >= 0.02 && fraction <= 0.09, "stratified fraction of p < 0.05: " + fraction);
        assertTrue(plainBelow > reps / 2, "unstratified p < 0.05 in " + plainBelow + " of " + reps);
    }

    @Test
    void subsamplesLargeGroupsAndIsDeterministicForASeed() {
        Random r = new Random(4);
        double[][] a = gaussian(r, 300, 2, 0.3);
        double[][] b = gaussian(r, 900, 2, 0);
        EnergyTest.Result one = new EnergyTest(199, 100, 17).test(a, null, b, null);
        EnergyTest.Result two = new EnergyTest(199, 100, 17).test(a, null, b, null);
        assertEquals(one, two);
        assertEquals(100, one.cellsA());
        assertEquals(100, one.cellsB());
        EnergyTest.Result other = new EnergyTest(199, 100, 18).test(a, null, b, null);
        assertNotEquals(one.distance(), other.distance()); // another subsample
    }

    @Test
    void subsampleKeepsEachStratumsShare() {
        String[] strata = new String[1000];
        Arrays.fill(strata, 0, 700, "rep1");
        Arrays.fill(strata, 700, 950, "rep2");
        Arrays.fill(strata, 950, 1000, "rep3");
        int[] kept = StratifiedSubsample.draw(1000, strata, 101, new SplittableRandom(3));
        Map<String, Integer> counts = new HashMap<>();
        for (int i : kept) {
            counts.merge(strata[i], 1, Integer::sum);
        }
        // 70.7, 25.25, 5.05: floors 70 + 25 + 5 = 100, the largest remainder (rep1) gets the last one
        assertEquals(Map.of("rep1", 71, "rep2", 25, "rep3", 5), counts);
        assertEquals(101, Arrays.stream(kept).distinct().count());
    }

    @Test
    void refusesBadSettingsAndInputs() {
        assertMessage("number of permutations must be between 1 and 100000, got 0", () -> new EnergyTest(0, 500, 0));
        assertMessage("number of permutations must be between 1 and 100000, got 100001",
                () -> new EnergyTest(100_001, 500, 0));
        assertMessage("maximum cells per group must be between 2 and 5000, got 1", () -> new EnergyTest(10, 1, 0));
        EnergyTest t = new EnergyTest(10, 500, 0);
        double[][] x = {{0, 0}, {1, 1}};
        assertMessage("Strata are given for the first group only", () -> t.test(x, new String[] {"a", "b"}, x, null));
        assertMessage("The second group has 2 cells but 3 strata",
                () -> t.test(x, new String[] {"a", "b"}, x, new String[] {"a", "b", "c"}));
        assertMessage("the first group (2 dimensions) with the second group (1 dimensions)",
                () -> t.test(x, null, new double[][] {{0}}, null));
        assertMessage("the second group: there are no cells", () -> t.test(x, null, new double[0][], null));
    }

    private static void add(List<double[]> cells, List<String> strata, double[][] x, String stratum) {
        for (double[] c : x) {
            cells.add(c);
            strata.add(stratum);
        }
    }

    /**
     * The exact permutation p-value: the share of all relabellings that keep each stratum's group counts whose
     * energy distance (computed from the definition) is at least the observed one.
     */
    private static double exactP(double[][] a, double[][] b, int[] sa, int[] sb) {
        int n = a.length + b.length;
        double[][] pooled = new double[n][];
        int[] strata = new int[n];
        for (int i = 0; i < n; i++) {
            pooled[i] = i < a.length ? a[i] : b[i - a.length];
            strata[i] = i < a.length ? sa[i] : sb[i - a.length];
        }
        double observed = EnergyDistance.between(a, b);
        int total = 0;
        int atLeast = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            if (!sameStratumCounts(mask, strata, a.length)) {
                continue;
            }
            List<double[]> ga = new ArrayList<>();
            List<double[]> gb = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ((mask >> i & 1) == 1 ? ga : gb).add(pooled[i]);
            }
            total++;
            if (EnergyDistance.between(ga.toArray(double[][]::new), gb.toArray(double[][]::new)) >= observed - 1e-9) {
                atLeast++;
            }
        }
        return (double) atLeast / total;
    }

    private static boolean sameStratumCounts(int mask, int[] strata, int nA) {
        int[] want = new int[4];
        int[] got = new int[4];
        for (int i = 0; i < strata.length; i++) {
            if (i < nA) {
                want[strata[i]]++;
            }
            if ((mask >> i & 1) == 1) {
                got[strata[i]]++;
            }
        }
        return Arrays.equals(want, got);
    }
}
