package org.cdgm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LabelScoresTest {

    @Test
    void separatedGroupsScoreHighAndMixedGroupsNearChance() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 600;
        double[][] separated = new double[n][2];
        double[][] mixed = new double[n][2];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int g = i % 3;
            labels.add("g" + g);
            separated[i] = new double[] {10 * g + rng.nextGaussian(), rng.nextGaussian()};
            mixed[i] = new double[] {rng.nextGaussian(), rng.nextGaussian()};
        }
        assertEquals(1.0, KnnAccuracy.of(separated, labels, 15, 1), 1e-12);
        double acc = KnnAccuracy.of(mixed, labels, 15, 1);
        assertTrue(acc < 0.45, "mixed groups should be near chance (1/3): " + acc);
        assertEquals(1.0 / 3, KnnAccuracy.chance(labels), 1e-12);
        assertEquals(1.0, KnnAccuracy.meanOverSplits(separated, labels, 15, 3), 1e-12);
        double mean = KnnAccuracy.meanOverSplits(mixed, labels, 15, 3);
        double byHand = (KnnAccuracy.of(mixed, labels, 15, 1) + KnnAccuracy.of(mixed, labels, 15, 2)
                + KnnAccuracy.of(mixed, labels, 15, 3)) / 3;
        assertEquals(byHand, mean, 1e-12);
        assertTrue(Silhouette.of(separated, labels, 600, 1) > 0.8);
        assertTrue(Math.abs(Silhouette.of(mixed, labels, 600, 1)) < 0.05);
    }

    @Test
    void silhouetteOfTwoPointsPerGroupByHand() {
        // groups {0, 1} and {10, 11} on a line: a = 1, b = 10 (avg of 10, 11 or 9, 10) -> s = (b - a) / b
        double[][] x = {{0}, {1}, {10}, {11}};
        double s = Silhouette.of(x, List.of("a", "a", "b", "b"), 4, 1);
        double expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5 + (9.5 - 1) / 9.5 + (10.5 - 1) / 10.5) / 4;
        assertEquals(expected, s, 1e-12);
    }

    @Test
    void aOneCellGroupCountsWithWidthZeroAsRousseeuwAndScikitLearnDefineIt() {
        // sklearn.metrics.silhouette_score([[0], [1], [10]], ["a", "a", "b"]) = 0.5963 = (0.9 + 8/9 + 0) / 3
        double[][] x = {{0}, {1}, {10}};
        assertEquals((0.9 + 8.0 / 9 + 0) / 3, Silhouette.of(x, List.of("a", "a", "b"), 3, 1), 1e-12);
        assertEquals(0.5963, Silhouette.of(x, List.of("a", "a", "b"), 3, 1), 1e-4);
        // identical points: a = b = 0 gives width 0, not NaN
        assertEquals(0.0, Silhouette.of(new double[][] {{1}, {1}, {1}, {1}}, List.of("a", "a", "b", "b"), 4, 1));
    }
}
