package org.cdgm.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark mains' arguments: {@code --name value} pairs (a last name without a value is ignored). Kept to a
 * map rather than a CLI library because these mains are run by the scripts in benchmarks/, never by users.
 */
final class BenchmarkOptions {
    private final Map<String, String> values;

    private BenchmarkOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param args  the main's arguments
     * @param from  index of the first pair (after a leading mode word, for example)
     * @param known the accepted names without "--"; none given accepts any name
     * @throws IllegalArgumentException "unknown option X" for a name not known, "expected --option value, got X"
     *                                  for a token without "--" where any name is accepted
     */
    static BenchmarkOptions parse(String[] args, int from, String... known) {
        Set<String> accepted = Set.of(known);
        Map<String, String> values = new HashMap<>();
        for (int i = from; i + 1 < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (!accepted.isEmpty() && (name == null || !accepted.contains(name))) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (name == null) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            values.put(name, args[i + 1]);
        }
        return new BenchmarkOptions(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return has(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    long whole(String name, long fallback) {
        return has(name) ? Long.parseLong(values.get(name)) : fallback;
    }

    Path path(String name, String fallback) {
        return Path.of(text(name, fallback));
    }
}
