package org.cdgm.engine.tuning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * The candidates a tuner fits: every combination of shared size k_z, salient size k_t and constraint level
 * epsilon, and how many seeds each is fitted with. Validation lives here, with messages naming the setting; lists
 * come from the user as text ("2, 4, 8") so they can be set by flow variables.
 *
 * @param seedsPerCandidate fits per candidate that differ only in their seed (1 to {@link #MAX_SEEDS}); from 2
 *                          on, the tuner measures how well the seeds agree (seed stability) and prefers stable fits
 */
public record TuningGrid(List<Integer> sharedSizes, List<Integer> salientSizes, List<Double> epsilons,
                         int seedsPerCandidate) {
    /** More fits than this is almost certainly a typo, and would run for days. */
    public static final int MAX_CANDIDATES = 200;
    /**
     * The default: 2 seeds are the fewest that measure stability (one pair); each further seed costs one more fit
     * per candidate, so the default doubles the grid's running time and no more.
     */
    public static final int DEFAULT_SEEDS = 2;
    /** Beyond 10 seeds the mean pairwise agreement changes little (45 pairs) while the cost keeps growing. */
    public static final int MAX_SEEDS = 10;

    public TuningGrid {
        sharedSizes = distinct("Shared latent sizes (k_z)", sharedSizes);
        salientSizes = distinct("Salient latent sizes (k_t)", salientSizes);
        epsilons = distinct("Epsilons", epsilons);
        for (int k : sharedSizes) {
            requireRange("Shared latent sizes (k_z)", k, 1, 64);
        }
        for (int k : salientSizes) {
            requireRange("Salient latent sizes (k_t)", k, 1, 64);
        }
        for (double e : epsilons) {
            if (!(e >= 0) || !Double.isFinite(e)) {
                throw new IllegalArgumentException("Setting 'Epsilons' must hold finite numbers >= 0, got " + e);
            }
        }
        if (seedsPerCandidate < 1 || seedsPerCandidate > MAX_SEEDS) {
            throw new IllegalArgumentException("Setting 'Seeds per candidate' must be a whole number from 1 to "
                    + MAX_SEEDS + ", got " + seedsPerCandidate);
        }
        long n = (long) sharedSizes.size() * salientSizes.size() * epsilons.size();
        if (n > MAX_CANDIDATES) {
            throw new IllegalArgumentException("The tuning grid has " + n + " candidates (" + sharedSizes.size()
                    + " x " + salientSizes.size() + " x " + epsilons.size() + "); at most " + MAX_CANDIDATES
                    + " are allowed");
        }
    }

    /** A grid fitted with {@link #DEFAULT_SEEDS} seeds per candidate. */
    public TuningGrid(List<Integer> sharedSizes, List<Integer> salientSizes, List<Double> epsilons) {
        this(sharedSizes, salientSizes, epsilons, DEFAULT_SEEDS);
    }

    /** Parses comma- or space-separated lists, e.g. {@code parse("2,4", "1, 2", "0.05 0.1")}; default seeds. */
    public static TuningGrid parse(String shared, String salient, String epsilons) {
        return parse(shared, salient, epsilons, DEFAULT_SEEDS);
    }

    /** As {@link #parse(String, String, String)}, with {@code seedsPerCandidate} seeds per candidate. */
    public static TuningGrid parse(String shared, String salient, String epsilons, int seedsPerCandidate) {
        return new TuningGrid(parseInts("Shared latent sizes (k_z)", shared), parseInts("Salient latent sizes (k_t)", salient),
                parseDoubles("Epsilons", epsilons), seedsPerCandidate);
    }

    /**
     * The seeds every candidate is fitted with: {@code base, base + 1, ...}, the same for every candidate so that
     * candidates differ only in what is tuned (and the first is the seed a single fit would use).
     */
    public long[] seeds(long base) {
        long[] out = new long[seedsPerCandidate];
        for (int k = 0; k < out.length; k++) {
            out[k] = base + k;
        }
        return out;
    }

    public List<TuningCandidate> candidates() {
        List<TuningCandidate> out = new ArrayList<>();
        for (int kz : sharedSizes) {
            for (int kt : salientSizes) {
                for (double eps : epsilons) {
                    out.add(new TuningCandidate(kz, kt, eps));
                }
            }
        }
        return out;
    }

    private static <T> List<T> distinct(String name, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("Setting '" + name + "' needs at least one value");
        }
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private static void requireRange(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException("Setting '" + name + "' must hold whole numbers from " + lo + " to "
                    + hi + ", got " + v);
        }
    }

    private static String[] tokens(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Setting '" + name + "' is empty; give values like \"2, 4\"");
        }
        return text.trim().split("[,;\\s]+");
    }

    private static List<Integer> parseInts(String name, String text) {
        return parse(name, text, Integer::parseInt, "a whole number");
    }

    private static List<Double> parseDoubles(String name, String text) {
        return parse(name, text, Double::parseDouble, "a number");
    }

    private static <T> List<T> parse(String name, String text, Function<String, T> parser, String what) {
        List<T> out = new ArrayList<>();
        for (String t : tokens(name, text)) {
            try {
                out.add(parser.apply(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Setting '" + name + "': '" + t + "' is not " + what);
            }
        }
        return out;
    }
}
