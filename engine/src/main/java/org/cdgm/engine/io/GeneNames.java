package org.cdgm.engine.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes gene names unique the way anndata's {@code make_index_unique} (scanpy's {@code var_names_make_unique})
 * does: the first occurrence keeps its name, later ones get {@code -1}, {@code -2}, ... skipping any suffix that
 * would collide with a name already present. Cell Ranger and GEO files repeat gene symbols routinely (e.g. two
 * Ensembl ids named {@code TBCE}), so this happens at read time in every reader, with a warning.
 */
public final class GeneNames {
    private GeneNames() {
    }

    /** The names made unique, plus the warning to show when any changed. */
    public record Unique(List<String> names, String warning) {
    }

    /**
     * @param names gene names in file order
     * @param file  the file (or folder) they came from, for the warning
     * @return the names, unchanged when already unique (warning null)
     */
    public static Unique makeUnique(List<String> names, Object file) {
        Set<String> taken = new HashSet<>(names);
        if (taken.size() == names.size()) {
            return new Unique(names, null);
        }
        Set<String> firstSeen = new HashSet<>();
        Map<String, Integer> counter = new HashMap<>();
        Map<String, Integer> repeats = new LinkedHashMap<>();
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            if (firstSeen.add(n)) {
                out.add(n);
                continue;
            }
            repeats.merge(n, 1, Integer::sum);
            while (true) {
                int k = counter.merge(n, 1, Integer::sum);
                String candidate = n + "-" + k;
                if (taken.add(candidate)) {
                    out.add(candidate);
                    break;
                }
            }
        }
        String examples = repeats.entrySet().stream().limit(5)
                .map(e -> "'" + e.getKey() + "' x" + (e.getValue() + 1)).collect(Collectors.joining(", "));
        String warning = file + ": " + repeats.size() + " gene name" + (repeats.size() == 1 ? " occurs" : "s occur")
                + " more than once (" + examples + (repeats.size() > 5 ? ", ..." : "") + "); made unique as "
                + "scanpy's var_names_make_unique does (NAME, NAME-1, NAME-2, ...)";
        return new Unique(out, warning);
    }
}
