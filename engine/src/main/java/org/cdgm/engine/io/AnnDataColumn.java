package org.cdgm.engine.io;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.cdgm.engine.data.MetadataType;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * One column of an AnnData dataframe ({@code obs}, {@code var}) decoded by its {@code encoding-type}, as the
 * anndata on-disk specification (anndata 0.8+, "Encoding types") defines them: {@code string-array},
 * {@code nullable-string-array}, {@code nullable-integer}, {@code nullable-boolean}, {@code categorical} (codes,
 * -1 = missing; categories of any of these encodings) and {@code array}; plus anndata 0.7's unannotated datasets
 * and its {@code __categories} group. Values come out as text (null = missing) with a {@link MetadataType}.
 *
 * @param values one text per row, null where missing
 * @param type   INTEGER for integer arrays, DOUBLE for floating-point ones, else STRING
 */
record AnnDataColumn(List<String> values, MetadataType type) {
    static final Set<String> NULLABLE = Set.of("nullable-integer", "nullable-boolean", "nullable-string-array");

    /** The element's encoding-type attribute, or "" when it has none (anndata 0.7 datasets). */
    static String encoding(Node n) {
        Attribute a = n.getAttribute("encoding-type");
        Object d = a == null ? null : a.getData();
        return d == null ? "" : String.valueOf(d);
    }

    /**
     * Decodes {@code n}.
     *
     * @param legacyCategories anndata 0.7's categories for this column (from {@code __categories}), or null
     * @throws DataFileException naming the element when its encoding is not one of the above or is malformed
     */
    static AnnDataColumn read(Node n, Dataset legacyCategories, String where) throws DataFileException {
        String enc = encoding(n);
        if (n instanceof Group g) {
            switch (enc) {
                case "categorical" -> {
                    long[] codes = HdfArrays.longs(dataset(g, "codes", where).getData());
                    AnnDataColumn cats = read(child(g, "categories", where), null, where + "/categories");
                    return new AnnDataColumn(decode(codes, cats.values(), where), MetadataType.STRING);
                }
                case "nullable-integer", "nullable-boolean", "nullable-string-array" -> {
                    AnnDataColumn v = plain(dataset(g, "values", where).getData());
                    boolean[] mask = HdfArrays.booleans(dataset(g, "mask", where).getData());
                    if (mask.length != v.values().size()) {
                        throw new DataFileException(where + " has " + v.values().size() + " values but a mask of "
                                + mask.length);
                    }
                    List<String> out = new ArrayList<>(v.values());
                    for (int i = 0; i < mask.length; i++) {
                        if (mask[i]) {
                            out.set(i, null); // anndata: mask true = missing
                        }
                    }
                    MetadataType t = enc.equals("nullable-integer") ? MetadataType.INTEGER : MetadataType.STRING;
                    return new AnnDataColumn(out, t);
                }
                default -> throw new DataFileException(where + " has encoding '" + (enc.isEmpty() ? "none" : enc)
                        + "', which is not a column encoding cdgm reads (string-array, nullable-string-array, "
                        + "nullable-integer, nullable-boolean, categorical, array)");
            }
        }
        Dataset d = (Dataset) n;
        if (!(enc.isEmpty() || enc.equals("array") || enc.equals("string-array"))) {
            throw new DataFileException(where + " has encoding '" + enc + "', which is not a column encoding cdgm "
                    + "reads");
        }
        if (d.getDimensions().length != 1) {
            throw new DataFileException(where + " is not one-dimensional (dimensions "
                    + java.util.Arrays.toString(d.getDimensions()) + ")");
        }
        Object data = d.getData();
        if (legacyCategories != null) {
            return new AnnDataColumn(decode(HdfArrays.longs(data), plain(legacyCategories.getData()).values(), where),
                    MetadataType.STRING);
        }
        return plain(data);
    }

    /** A plain 1-D array: integers, floats (NaN = missing), booleans (True/False as pandas prints them), text. */
    static AnnDataColumn plain(Object data) {
        int n = Array.getLength(data);
        List<String> out = new ArrayList<>(n);
        if (HdfArrays.isInteger(data)) {
            for (long v : HdfArrays.longs(data)) {
                out.add(Long.toString(v));
            }
            return new AnnDataColumn(out, MetadataType.INTEGER);
        }
        if (HdfArrays.isFloat(data)) {
            for (int i = 0; i < n; i++) {
                // float32 printed as float32, so 0.1f reads "0.1" as numpy shows it, not 0.10000000149...
                Number v = (Number) Array.get(data, i);
                out.add(Double.isNaN(v.doubleValue()) ? null
                        : v instanceof Float f ? Float.toString(f) : Double.toString(v.doubleValue()));
            }
            return new AnnDataColumn(out, MetadataType.DOUBLE);
        }
        if (data instanceof boolean[] b) {
            for (boolean v : b) {
                out.add(v ? "True" : "False");
            }
            return new AnnDataColumn(out, MetadataType.STRING);
        }
        for (int i = 0; i < n; i++) {
            Object v = Array.get(data, i);
            out.add(v == null ? null : String.valueOf(v));
        }
        return new AnnDataColumn(out, MetadataType.STRING);
    }

    private static List<String> decode(long[] codes, List<String> categories, String where)
            throws DataFileException {
        List<String> out = new ArrayList<>(codes.length);
        for (int i = 0; i < codes.length; i++) {
            long c = codes[i];
            if (c < -1 || c >= categories.size()) {
                throw new DataFileException(where + ": row " + (i + 1) + " has category code " + c + " but there are "
                        + categories.size() + " categories");
            }
            out.add(c < 0 ? null : categories.get((int) c));
        }
        return out;
    }

    static Dataset dataset(Group g, String name, String where) throws DataFileException {
        Node n = g.getChildren().get(name);
        if (!(n instanceof Dataset)) {
            throw new DataFileException(where + " lacks its '" + name + "' array");
        }
        return (Dataset) n;
    }

    private static Node child(Group g, String name, String where) throws DataFileException {
        Node n = g.getChildren().get(name);
        if (n == null) {
            throw new DataFileException(where + " lacks its '" + name + "'");
        }
        return n;
    }
}
