package org.cdgm.engine.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SelectionTest {
    @Test
    void kthMatchesSortingIncludingTies() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(60);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextInt(8); // many ties
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = rng.nextInt(n);
            assertEquals(sorted[k], Selection.kth(a.clone(), k), 0);
        }
    }

    @Test
    void largeArraysThroughTheHistogramMatchSorting() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 40; trial++) {
            int n = 8192 + rng.nextInt(40_000);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                // skewed like squared distances, with ties, a far outlier and negative values in some trials
                double v = trial % 4 == 0 ? rng.nextInt(50) : Math.pow(rng.nextDouble(), 4) * 10;
                a[i] = trial % 3 == 0 ? v - 3 : v;
            }
            if (trial % 5 == 0) {
                a[rng.nextInt(n)] = 1e12;
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            for (int k : new int[] {0, n / 2, n - 1, rng.nextInt(n)}) {
                assertEquals(sorted[k], Selection.kth(a.clone(), k), 0, "trial " + trial + ", k = " + k);
            }
        }
        double[] equal = new double[10_000];
        Arrays.fill(equal, 2.5);
        assertEquals(2.5, Selection.kth(equal, 5_000), 0);
    }
}
