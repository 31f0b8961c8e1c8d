package org.cdgm.engine.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The features (rows of a 10x matrix, {@code var} of an h5ad) with their ids, names and, where the file has one,
 * their type: Cell Ranger writes {@code Gene Expression}, {@code Antibody Capture}, {@code CRISPR Guide Capture},
 * {@code Multiplexing Capture}, ... into one matrix. Only gene expression belongs in an expression model, so by
 * default only those rows are kept, as scanpy's {@code read_10x_h5(gex_only=True)} does; gene names are then made
 * unique ({@link GeneNames}).
 *
 * @param ids   feature ids (Ensembl ids), or the names when the file has none
 * @param names feature names (gene symbols)
 * @param types feature types, or null when the file has no type column
 */
public record FeatureTable(List<String> ids, List<String> names, List<String> types) {

    public FeatureTable {
        ids = List.copyOf(ids);
        names = List.copyOf(names);
        types = types == null ? null : List.copyOf(types);
        if (ids.size() != names.size() || (types != null && types.size() != names.size())) {
            throw new IllegalArgumentException("Feature ids, names and types differ in length");
        }
    }

    public int size() {
        return names.size();
    }

    /**
     * The features kept for the request's feature types.
     *
     * @param geneMap per feature of the file its column in the result, or -1 when left out
     * @param genes   names of the kept features, unique
     */
    public record Selection(int[] geneMap, List<String> genes, List<String> warnings) {
        /** Whether every feature is kept, in file order. */
        public boolean keepsAll() {
            return genes.size() == geneMap.length;
        }
    }

    /**
     * Keeps the features of the requested types (default {@code Gene Expression}; "all" keeps every row) and makes
     * their names unique.
     *
     * @param source the file named in messages and warnings
     * @throws DataFileException when no feature has a requested type, listing the types present
     */
    public Selection select(MatrixReadRequest request, Object source) throws DataFileException {
        int[] map = new int[size()];
        List<String> kept = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> present = new LinkedHashMap<>();
        if (types != null) {
            types.forEach(t -> present.merge(t, 1, Integer::sum));
        }
        Set<String> wanted = request.featureTypes().isEmpty() ? Set.of(MatrixReadRequest.GENE_EXPRESSION)
                : request.featureTypes();
        boolean all = types == null || request.allFeatureTypes();
        if (!all) {
            Set<String> unknown = new TreeSet<>(wanted);
            unknown.removeAll(present.keySet());
            if (unknown.size() == wanted.size()) {
                throw new DataFileException(source + " has no feature of type " + quoted(wanted) + "; types present: "
                        + tally(present) + "; choose feature types from these (or 'all')");
            }
            if (!unknown.isEmpty()) {
                warnings.add(source + " has no feature of type " + quoted(unknown) + "; types present: "
                        + tally(present));
            }
        }
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        for (int f = 0; f < size(); f++) {
            if (all || wanted.contains(types.get(f))) {
                map[f] = kept.size();
                kept.add(names.get(f));
            } else {
                map[f] = -1;
                leftOut.merge(types.get(f), 1, Integer::sum);
            }
        }
        if (!leftOut.isEmpty()) {
            warnings.add(source + ": kept " + kept.size() + " features of type " + quoted(wanted) + " and left out "
                    + (size() - kept.size()) + " of other types (" + tally(leftOut) + "); choose feature types to "
                    + "keep them");
        }
        GeneNames.Unique unique = GeneNames.makeUnique(kept, source);
        if (unique.warning() != null) {
            warnings.add(unique.warning());
        }
        return new Selection(map, unique.names(), warnings);
    }

    private static String quoted(Set<String> s) {
        return s.stream().sorted().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
    }

    private static String tally(Map<String, Integer> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
