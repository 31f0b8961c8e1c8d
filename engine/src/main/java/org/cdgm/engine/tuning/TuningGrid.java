package org.cdgm.engine.tuning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * The candidates a tuner fits: every combination of shared size k_z, salient size k_t and constraint level
 * epsilon. Validation lives here, with messages naming the setting; lists come from the user as text
 * ("2, 4, 8") so they can be set by flow variables.
 */
public record TuningGrid(List<Integer> sharedSizes, List<Integer> salientSizes, List<Double> epsilons) {
    /** More fits than this is almost certainly a typo, and would run for days. */
    public static final int MAX_CANDIDATES = 200;

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
        long n = (long) sharedSizes.size() * salientSizes.size() * epsilons.size();
        if (n > MAX_CANDIDATES) {
            throw new IllegalArgumentException("The tuning grid has " + n + " candidates (" + sharedSizes.size()
                    + " x " + salientSizes.size() + " x " + epsilons.size() + "); at most " + MAX_CANDIDATES
                    + " are allowed");
        }
    }

    /** Parses comma- or space-separated lists, e.g. {@code parse("2,4", "1, 2", "0.05 0.1")}. */
    public static TuningGrid parse(String shared, String salient, String epsilons) {
        return new TuningGrid(parseInts("Shared latent sizes (k_z)", shared), parseInts("Salient latent sizes (k_t)", salient),
                parseDoubles("Epsilons", epsilons));
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
