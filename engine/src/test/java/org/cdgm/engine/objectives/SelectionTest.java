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
}
