package org.cdgm.engine.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * How well an embedding predicts a cell label: each held-out cell (30%, seeded) takes the majority label of its k
 * nearest training cells (Euclidean; invariant to rescaling the whole embedding). Compare embeddings of the same
 * cells, e.g. the salient versus the shared space for knockout identity; chance is the share of the most common
 * label.
 */
public final class KnnAccuracy {
    private KnnAccuracy() {
    }

    public static double of(double[][] embedding, List<String> labels, int k, long seed) {
        if (embedding.length != labels.size()) {
            throw new IllegalArgumentException(embedding.length + " cells but " + labels.size() + " labels");
        }
        FiniteInput.require(embedding, "the embedding");
        double[][] x = embedding;
        HoldOutSplit split = HoldOutSplit.of(x.length, seed);
        int correct = 0;
        for (int q : split.test()) {
            PriorityQueue<double[]> nearest = new PriorityQueue<>((a, b) -> Double.compare(b[0], a[0]));
            for (int t : split.train()) {
                double d = 0;
                for (int j = 0; j < x[q].length; j++) {
                    double diff = x[q][j] - x[t][j];
                    d += diff * diff;
                }
                if (nearest.size() < k) {
                    nearest.add(new double[] {d, t});
                } else if (d < nearest.peek()[0]) {
                    nearest.poll();
                    nearest.add(new double[] {d, t});
                }
            }
            Map<String, Integer> votes = new HashMap<>();
            String best = null;
            int bestVotes = 0;
            for (double[] n : nearest) {
                String l = labels.get((int) n[1]);
                int v = votes.merge(l, 1, Integer::sum);
                if (v > bestVotes || (v == bestVotes && l.compareTo(best) < 0)) {
                    best = l;
                    bestVotes = v;
                }
            }
            if (labels.get(q).equals(best)) {
                correct++;
            }
        }
        return correct / (double) split.test().length;
    }

    /** Mean accuracy over {@code splits} seeded hold-out splits (seeds 1..splits): steadier than one split. */
    public static double meanOverSplits(double[][] embedding, List<String> labels, int k, int splits) {
        double sum = 0;
        for (long s = 1; s <= splits; s++) {
            sum += of(embedding, labels, k, s);
        }
        return sum / splits;
    }

    /** Share of the most frequent label: the accuracy of always guessing it. */
    public static double chance(List<String> labels) {
        Map<String, Integer> c = new HashMap<>();
        labels.forEach(l -> c.merge(l, 1, Integer::sum));
        return c.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) labels.size();
    }
}
