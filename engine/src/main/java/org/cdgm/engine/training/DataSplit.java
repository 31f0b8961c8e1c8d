package org.cdgm.engine.training;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A seeded random partition of a data set's rows into training and validation rows. */
record DataSplit(int[] training, int[] validation) {

    static DataSplit of(int n, double validationFraction, SplittableRandom rng) {
        int[] perm = Permutations.shuffled(n, rng);
        int nVal = validationFraction == 0 ? 0 : Math.max(1, (int) Math.round(n * validationFraction));
        nVal = Math.min(nVal, n - 1);
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        int[] train = Arrays.copyOfRange(perm, nVal, n);
        Arrays.sort(val);
        Arrays.sort(train);
        return new DataSplit(train, val);
    }
}
