package org.cdgm.engine.io;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.MetadataType;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/**
 * Reads an AnnData {@code .h5ad} file (anndata 0.7 or newer) with jHDF, pure Java without native HDF5, element by
 * element according to the anndata on-disk specification: the matrix from {@code X}, {@code layers/<name>} or
 * {@code raw/X} (with {@code raw/var}'s genes), dense or {@code csr_matrix}/{@code csc_matrix} with int32 or int64
 * indices (unsorted or repeated indices summed, as scipy does); gene names from {@code var}'s index and cell ids
 * from {@code obs}'s index, whatever the index column is called; every {@code obs} column decoded by its
 * encoding ({@link AnnDataColumn}) and typed. A {@code var} column {@code feature_types} selects features as in
 * 10x files ({@link FeatureTable}). Files from anndata before 0.7 (obs/var as record arrays) are refused with
 * a message that says how to rewrite them.
 */
public final class H5adReader {
    /** The pseudo-layer naming {@code raw/X}. */
    public static final String RAW = "raw";

    private H5adReader() {
    }

    /** X, or the layer the request names ("raw" for raw/X). */
    public static AnnotatedMatrix read(MatrixReadRequest r) throws IOException {
        Path file = r.path();
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + " does not exist or is not a file");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            return read(h5, file, r);
        } catch (HdfException e) {
            throw new DataFileException(file + " is not a readable HDF5/h5ad file: " + e.getMessage(), e);
        }
    }

    /** @param layer null for X, a name under layers/ (e.g. "counts"), or "raw" for raw/X */
    public static AnnotatedMatrix read(Path file, String layer) throws IOException {
        return read(new MatrixReadRequest(file, MatrixFormat.H5AD, layer, null, null, Set.of(),
                CsvMatrixOptions.defaults()));
    }

    /**
     * Genes (var's index after the feature-type selection), cells (obs's index) and obs, after checking that the
     * chosen matrix exists; its values are not read.
     */
    static MatrixHeader header(MatrixReadRequest r) throws IOException {
        Path file = r.path();
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + " does not exist or is not a file");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            Elements e = elements(h5, file, r);
            List<String> warnings = new ArrayList<>(e.selection().warnings());
            CellMetadata meta = metadata(e.obs(), e.cells().size(), file, warnings);
            return new MatrixHeader(e.selection().genes(), e.cells(), meta, warnings);
        } catch (HdfException e) {
            throw new DataFileException(file + " is not a readable HDF5/h5ad file: " + e.getMessage(), e);
        }
    }

    /** What a read and a header share: the chosen matrix's node, cells, features and their selection. */
    private record Elements(String layer, String where, Node x, Group obs, List<String> cells, int features,
                            FeatureTable.Selection selection) {
    }

    private static Elements elements(HdfFile h5, Path file, MatrixReadRequest r) throws IOException {
        Node obsNode = h5.getChildren().get("obs");
        Node varNode = h5.getChildren().get("var");
        if (obsNode instanceof Dataset || varNode instanceof Dataset) {
            throw new DataFileException(file + " was written by anndata older than 0.7 (obs/var stored as record "
                    + "arrays), which cdgm does not read; open it with a current anndata in Python and write it again "
                    + "(adata = anndata.read_h5ad(path); adata.write_h5ad(new_path))");
        }
        String layer = r.layer() == null || r.layer().isBlank() || r.layer().equals("X") ? null : r.layer().trim();
        boolean raw = RAW.equals(layer);
        Group obs = group(h5, "obs", file);
        Group var = raw ? rawVar(h5, file) : group(h5, "var", file);
        String where = layer == null ? "X" : raw ? "raw/X" : "layers/" + layer;
        Node x = child(h5, where);
        if (x == null || AnnDataColumn.encoding(x).equals("null")) {
            throw missingMatrix(h5, file, layer, x != null);
        }
        List<String> cells = index(obs, file);
        List<String> features = index(var, file);
        FeatureTable table = new FeatureTable(column(var, "gene_ids", features), features, types(var));
        return new Elements(layer, where, x, obs, cells, features.size(), table.select(r, file));
    }

    private static AnnotatedMatrix read(HdfFile h5, Path file, MatrixReadRequest r) throws IOException {
        Elements e = elements(h5, file, r);
        FeatureTable.Selection sel = e.selection();
        List<String> cells = e.cells();
        List<String> warnings = new ArrayList<>(sel.warnings());
        Loaded m = matrix(e.x(), cells.size(), e.features(), sel, file, e.where());
        if (!m.counts() && e.layer() == null) {
            List<String> counts = integerAlternatives(h5);
            if (!counts.isEmpty()) {
                String first = counts.get(0).equals("raw/X") ? RAW : counts.get(0).substring("layers/".length());
                warnings.add(file + ": X holds non-integer values (normalised or log-transformed?) while "
                        + String.join(" and ", counts) + " hold" + (counts.size() == 1 ? "s" : "") + " whole-number "
                        + "counts; count likelihoods (Poisson, negative binomial) need raw counts: read layer '" + first
                        + "' for them");
            }
        }
        CellMetadata meta = metadata(e.obs(), cells.size(), file, warnings);
        return new AnnotatedMatrix(m.matrix(), sel.genes(), cells, meta, warnings);
    }

    private static Group rawVar(HdfFile h5, Path file) throws DataFileException {
        Node raw = h5.getChildren().get(RAW);
        if (!(raw instanceof Group g) || !(g.getChildren().get("var") instanceof Group v)) {
            throw new DataFileException(file + " has no raw/X with raw/var (layer 'raw'); available layers: "
                    + layers(h5));
        }
        return v;
    }

    /** Names what the file does hold when the asked matrix is absent or null. */
    private static DataFileException missingMatrix(HdfFile h5, Path file, String layer, boolean isNull) {
        String have = "available layers: " + layers(h5) + (child(h5, "raw/X") != null ? "; raw/X is present (layer "
                + "'raw')" : "");
        if (layer == null) {
            return new DataFileException(file + (isNull ? " has X stored as null (no main matrix)" : " has no X matrix")
                    + "; " + have + (layers(h5).equals("none") ? "" : "; choose one of them as the layer"));
        }
        return new DataFileException(file + " has no " + (RAW.equals(layer) ? "raw/X" : "layers/" + layer + " layer")
                + "; " + have);
    }

    private static Node child(Group g, String path) {
        Group cur = g;
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            Node n = cur.getChildren().get(parts[i]);
            if (n == null) {
                return null;
            }
            if (i == parts.length - 1) {
                return n;
            }
            if (!(n instanceof Group)) {
                return null;
            }
            cur = (Group) n;
        }
        return cur;
    }

    private static String layers(HdfFile h5) {
        Node l = h5.getChildren().get("layers");
        return l instanceof Group g && !g.getChildren().isEmpty() ? String.join(", ", g.getChildren().keySet())
                : "none";
    }

    private static Group group(HdfFile h5, String name, Path file) throws DataFileException {
        Node n = h5.getChildren().get(name);
        if (!(n instanceof Group)) {
            throw new DataFileException(file + " has no '" + name + "' table: not an AnnData file?");
        }
        return (Group) n;
    }

    private static String indexName(Group frame) {
        Attribute a = frame.getAttribute("_index");
        Object d = a == null ? null : a.getData();
        return d == null ? "_index" : String.valueOf(d);
    }

    /** The dataframe's index (obs_names / var_names): the column its _index attribute names, any encoding. */
    static List<String> index(Group frame, Path file) throws DataFileException {
        String name = indexName(frame);
        Node n = frame.getChildren().get(name);
        String where = file + ": " + frame.getPath() + name;
        if (n == null) {
            throw new DataFileException(file + ": " + frame.getPath() + " has no index column '" + name + "'");
        }
        List<String> values = AnnDataColumn.read(n, null, where).values();
        int missing = values.indexOf(null);
        if (missing >= 0) {
            throw new DataFileException(where + " (the index) is missing at row " + (missing + 1) + "; an index needs "
                    + "a name for every row");
        }
        return values;
    }

    /** A var column as text, or {@code fallback} when absent or unreadable. */
    private static List<String> column(Group var, String name, List<String> fallback) {
        Node n = var.getChildren().get(name);
        if (n == null) {
            return fallback;
        }
        try {
            List<String> v = AnnDataColumn.read(n, null, name).values();
            return v.size() == fallback.size() && !v.contains(null) ? v : fallback;
        } catch (DataFileException e) {
            return fallback;
        }
    }

    /** scanpy's read_10x_h5 stores the feature type as var['feature_types']. */
    private static List<String> types(Group var) {
        for (String name : new String[] {"feature_types", "feature_type"}) {
            Node n = var.getChildren().get(name);
            if (n != null) {
                try {
                    List<String> v = AnnDataColumn.read(n, null, name).values();
                    return v.contains(null) ? null : v;
                } catch (DataFileException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * A matrix as read, and whether its stored values are whole non-negative numbers (counts), judged on the
     * arrays already in memory rather than by reading the element again.
     */
    private record Loaded(CellMatrix matrix, boolean counts) {
    }

    private static Loaded matrix(Node x, int nCells, int nFeatures, FeatureTable.Selection sel, Path file,
                                 String where) throws DataFileException {
        if (x instanceof Dataset d) {
            return dense(d, nCells, nFeatures, sel, file, where);
        }
        Group g = (Group) x;
        String enc = AnnDataColumn.encoding(g);
        boolean csr = enc.equals("csr_matrix");
        if (!csr && !enc.equals("csc_matrix")) {
            throw new DataFileException(file + ": " + where + " has encoding '" + (enc.isEmpty() ? "none" : enc)
                    + "' (need a dense array, csr_matrix or csc_matrix)");
        }
        String at = file + ": " + where;
        Attribute shapeAttr = g.getAttribute("shape");
        if (shapeAttr != null && shapeAttr.getData() != null) {
            long[] shape = HdfArrays.longs(shapeAttr.getData());
            if (shape.length != 2 || shape[0] != nCells || shape[1] != nFeatures) {
                throw new DataFileException(at + " has shape " + Arrays.toString(shape) + " but obs has " + nCells
                        + " cells and var " + nFeatures + " genes");
            }
        }
        int major = csr ? nCells : nFeatures;
        int minor = csr ? nFeatures : nCells;
        CompressedArrays c = CompressedArrays.read(AnnDataColumn.dataset(g, "data", at),
                AnnDataColumn.dataset(g, "indices", at), AnnDataColumn.dataset(g, "indptr", at), major, minor,
                csr ? "cell" : "gene", at + " (" + enc + ")");
        long[] indptr = c.indptr();
        float[] data = c.data();
        int nnz = data.length;
        int nGenes = sel.genes().size();
        boolean counts = whole(data); // before CsrBuilder, which compacts the arrays in place
        if (csr) {
            return new Loaded(CsrBuilder.canonical(nCells, nGenes, indptr, c.indices(), data, sel.keepsAll() ? null
                    : sel.geneMap()), counts);
        }
        // CSC: column g holds genes' cells; as triplets by cell they become rows
        int[] cellOf = c.indices();
        int[] geneOf = new int[nnz];
        for (int gIdx = 0; gIdx < nFeatures; gIdx++) {
            for (long k = indptr[gIdx]; k < indptr[gIdx + 1]; k++) {
                geneOf[(int) k] = gIdx;
            }
        }
        return new Loaded(CsrBuilder.fromTriplets(nCells, nGenes, cellOf, geneOf, data, nnz,
                sel.keepsAll() ? null : sel.geneMap()), counts);
    }

    private static Loaded dense(Dataset d, int nCells, int nFeatures, FeatureTable.Selection sel, Path file,
                                    String where) throws DataFileException {
        int[] dims = d.getDimensions();
        if (dims.length != 2 || dims[0] != nCells || dims[1] != nFeatures) {
            throw new DataFileException(file + ": " + where + " is " + Arrays.toString(dims) + " but obs has "
                    + nCells + " cells and var " + nFeatures + " genes");
        }
        int nGenes = sel.genes().size();
        if ((long) nCells * nGenes > Integer.MAX_VALUE - 8) {
            throw new DataFileException(file + ": " + where + " is a dense " + nCells + " x " + nGenes + " matrix, too "
                    + "large to hold; store it as a sparse csr_matrix");
        }
        Object data = d.getData();
        int[] map = sel.geneMap();
        float[] values = new float[nCells * nGenes];
        boolean counts = true;
        for (int i = 0; i < nCells; i++) {
            float[] row = HdfArrays.floats(Array.get(data, i));
            counts = counts && whole(row);
            for (int j = 0; j < nFeatures; j++) {
                if (map[j] >= 0) {
                    values[i * nGenes + map[j]] = row[j];
                }
            }
        }
        return new Loaded(new DenseCellMatrix(nCells, nGenes, values), counts);
    }

    /** Whether a layer's stored values are whole numbers (integer type, or floats with integral values). */
    private static boolean isInteger(Node x) {
        Dataset values = x instanceof Dataset d ? d
                : x instanceof Group g && g.getChildren().get("data") instanceof Dataset d ? d : null;
        if (values == null) {
            return true;
        }
        Object data = values.getData();
        if (data.getClass().isArray() && data.getClass().getComponentType().isArray()) {
            for (int i = 0; i < Array.getLength(data); i++) {
                if (!whole(HdfArrays.floats(Array.get(data, i)))) {
                    return false;
                }
            }
            return true;
        }
        return HdfArrays.isInteger(data) || whole(HdfArrays.floats(data));
    }

    private static boolean whole(float[] v) {
        for (float f : v) {
            if (f != Math.rint(f) || f < 0) {
                return false;
            }
        }
        return true;
    }

    /** Layers and raw/X whose values are whole numbers, e.g. [layers/counts, raw/X]. */
    private static List<String> integerAlternatives(HdfFile h5) {
        List<String> out = new ArrayList<>();
        if (h5.getChildren().get("layers") instanceof Group layers) {
            for (Map.Entry<String, Node> e : layers.getChildren().entrySet()) {
                if (isMatrix(e.getValue()) && isInteger(e.getValue())) {
                    out.add("layers/" + e.getKey());
                }
            }
        }
        Node rawX = child(h5, "raw/X");
        if (rawX != null && isMatrix(rawX) && isInteger(rawX)) {
            out.add("raw/X");
        }
        return out;
    }

    private static boolean isMatrix(Node n) {
        return n instanceof Dataset || AnnDataColumn.encoding(n).endsWith("_matrix");
    }

    private static CellMetadata metadata(Group obs, int cells, Path file, List<String> warnings) {
        String indexName = indexName(obs);
        Node legacyCats = obs.getChildren().get("__categories");
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, MetadataType> types = new LinkedHashMap<>();
        for (String name : columnOrder(obs)) {
            Node n = obs.getChildren().get(name);
            if (n == null || name.equals(indexName) || name.equals("__categories")) {
                continue;
            }
            Dataset cats = legacyCats instanceof Group lc && lc.getChildren().get(name) instanceof Dataset c ? c : null;
            try {
                AnnDataColumn c = AnnDataColumn.read(n, cats, file + ": obs/" + name);
                if (c.values().size() != cells) {
                    warnings.add(file + ": obs column '" + name + "' has " + c.values().size() + " values for "
                            + cells + " cells and was left out");
                    continue;
                }
                columns.put(name, c.values());
                types.put(name, c.type());
            } catch (DataFileException | HdfException e) {
                warnings.add("obs column '" + name + "' was left out: " + e.getMessage());
            }
        }
        return new CellMetadata(cells, columns, types);
    }

    private static List<String> columnOrder(Group obs) {
        Attribute order = obs.getAttribute("column-order");
        Object names = order == null ? null : order.getData();
        if (names instanceof String[] n) {
            return Arrays.asList(n);
        }
        if (names instanceof String one) {
            return List.of(one); // a single-element attribute may come back as a scalar
        }
        return new ArrayList<>(obs.getChildren().keySet());
    }
}
