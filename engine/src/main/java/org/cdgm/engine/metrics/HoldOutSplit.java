package org.cdgm.engine.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A seeded 70/30 split of cell indices: regressors are fitted on the first part and scored on the second. */
record HoldOutSplit(int[] train, int[] test) {

    static HoldOutSplit of(int n, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int nTrain = (int) Math.round(n * 0.7);
        return new HoldOutSplit(Arrays.copyOfRange(perm, 0, nTrain), Arrays.copyOfRange(perm, nTrain, n));
    }
}
