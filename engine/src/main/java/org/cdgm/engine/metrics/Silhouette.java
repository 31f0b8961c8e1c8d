package org.cdgm.engine.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Mean silhouette width of labelled groups in an embedding (Rousseeuw 1987), Euclidean, on at
 * most {@code maxCells} cells drawn with a seed (the score is quadratic in cells). 1: tight separate groups;
 * 0: overlapping; negative: cells closer to another group than to their own. A cell alone in its group has width 0
 * and counts in the mean, as in Rousseeuw's definition and scikit-learn's {@code silhouette_score}.
 */
public final class Silhouette {
    private Silhouette() {
    }

    /** @throws org.cdgm.engine.data.InvalidInputException when a coordinate is NaN or infinite */
    public static double of(double[][] embedding, List<String> labels, int maxCells, long seed) {
        FiniteInput.require(embedding, "the embedding");
        int n = embedding.length;
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, new java.util.Random(new SplittableRandom(seed).nextLong()));
        List<Integer> sample = idx.subList(0, Math.min(n, maxCells));
        double[][] x = embedding;
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int i : sample) {
            groups.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(i);
        }
        if (groups.size() < 2) {
            throw new IllegalArgumentException("Silhouette needs at least two groups, got " + groups.keySet());
        }
        double total = 0;
        int counted = 0;
        for (int i : sample) {
            String own = labels.get(i);
            counted++;
            if (groups.get(own).size() < 2) {
                continue; // a one-cell group's silhouette is 0 (Rousseeuw 1987; scikit-learn), and it counts
            }
            double a = 0;
            double b = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                double sum = 0;
                for (int j : g.getValue()) {
                    sum += distance(x[i], x[j]);
                }
                if (g.getKey().equals(own)) {
                    a = sum / (g.getValue().size() - 1);
                } else {
                    b = Math.min(b, sum / g.getValue().size());
                }
            }
            double spread = Math.max(a, b);
            total += spread == 0 ? 0 : (b - a) / spread; // identical points: 0, as scikit-learn
        }
        return total / counted;
    }

    private static double distance(double[] p, double[] q) {
        double s = 0;
        for (int j = 0; j < p.length; j++) {
            s += (p[j] - q[j]) * (p[j] - q[j]);
        }
        return Math.sqrt(s);
    }
}
