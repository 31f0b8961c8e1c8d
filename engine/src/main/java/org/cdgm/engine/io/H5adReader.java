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

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.CellMetadata;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.SparseCellMatrix;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/**
 * Reads an AnnData {@code .h5ad} file with jHDF (pure Java, no native HDF5): the matrix from {@code X} or from
 * {@code layers/<name>} (dense, CSR or CSC), gene names from {@code var}'s index, cell ids from {@code obs}'s index
 * and every other {@code obs} column as text, categoricals decoded (AnnData >= 0.8 and the older
 * {@code __categories} layout).
 */
public final class H5adReader {
    private H5adReader() {
    }

    public static AnnotatedMatrix read(MatrixReadRequest r) throws IOException {
        return read(r.path(), r.layer());
    }

    /** @param layer null for X, else a name under layers/ (e.g. "counts") */
    public static AnnotatedMatrix read(Path file, String layer) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + " does not exist or is not a file");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            String where = layer == null ? "X" : "layers/" + layer;
            Node xNode = child(h5, where);
            if (xNode == null) {
                throw new DataFileException(file + " has no " + where + (layer == null ? " matrix" : " layer")
                        + "; available layers: " + layers(h5));
            }
            Group var = group(h5, "var", file);
            Group obs = group(h5, "obs", file);
            List<String> genes = index(var, file);
            List<String> cells = index(obs, file);
            CellMatrix m = matrix(xNode, cells.size(), genes.size(), file, where);
            return new AnnotatedMatrix(m, genes, cells, metadata(obs, cells.size(), file));
        } catch (HdfException e) {
            throw new DataFileException(file + " is not a readable HDF5/h5ad file: " + e.getMessage(), e);
        }
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

    /** The dataframe's index: the column named by its _index attribute. */
    private static List<String> index(Group frame, Path file) throws DataFileException {
        Attribute a = frame.getAttribute("_index");
        String name = a == null ? "_index" : String.valueOf(a.getData());
        Node n = frame.getChildren().get(name);
        if (!(n instanceof Dataset)) {
            throw new DataFileException(file + ": " + frame.getPath() + " has no index column '" + name + "'");
        }
        return strings(((Dataset) n).getData());
    }

    private static CellMatrix matrix(Node x, int nCells, int nGenes, Path file, String where)
            throws DataFileException {
        if (x instanceof Dataset d) {
            int[] dims = d.getDimensions();
            if (dims.length != 2 || dims[0] != nCells || dims[1] != nGenes) {
                throw new DataFileException(file + ": " + where + " is " + Arrays.toString(dims) + " but obs has "
                        + nCells + " cells and var " + nGenes + " genes");
            }
            Object data = d.getData();
            float[] values = new float[nCells * nGenes];
            for (int i = 0; i < nCells; i++) {
                Object row = Array.get(data, i);
                for (int j = 0; j < nGenes; j++) {
                    values[i * nGenes + j] = ((Number) Array.get(row, j)).floatValue();
                }
            }
            return new DenseCellMatrix(nCells, nGenes, values);
        }
        Group g = (Group) x;
        Attribute type = g.getAttribute("encoding-type");
        String enc = type == null ? "" : String.valueOf(type.getData());
        boolean csr = enc.equals("csr_matrix");
        if (!csr && !enc.equals("csc_matrix")) {
            throw new DataFileException(file + ": " + where + " has unsupported encoding '" + enc
                    + "' (need a dense array, csr_matrix or csc_matrix)");
        }
        float[] data = floats(dataset(g, "data", file).getData());
        int[] indices = ints(dataset(g, "indices", file).getData());
        long[] indptr = longs(dataset(g, "indptr", file).getData());
        int major = csr ? nCells : nGenes;
        int minor = csr ? nGenes : nCells;
        if (indptr.length != major + 1 || indptr[major] != data.length || indices.length != data.length) {
            throw new DataFileException(file + ": " + where + " (" + enc + ") does not fit " + nCells + " cells x "
                    + nGenes + " genes (indptr has " + indptr.length + " entries, data " + data.length + ")");
        }
        for (int k : indices) {
            if (k < 0 || k >= minor) {
                throw new DataFileException(file + ": " + where + " has index " + k + " outside 0.." + (minor - 1));
            }
        }
        return csr ? sortedCsr(nCells, nGenes, indptr, indices, data) : cscToCsr(nCells, nGenes, indptr, indices, data);
    }

    private static Dataset dataset(Group g, String name, Path file) throws DataFileException {
        Node n = g.getChildren().get(name);
        if (!(n instanceof Dataset)) {
            throw new DataFileException(file + ": " + g.getPath() + " lacks '" + name + "'");
        }
        return (Dataset) n;
    }

    /** CSR with indices sorted within each row (AnnData does not guarantee it). */
    private static SparseCellMatrix sortedCsr(int cells, int genes, long[] indptr, int[] indices, float[] data) {
        for (int i = 0; i < cells; i++) {
            CsrRows.sort(indices, data, (int) indptr[i], (int) indptr[i + 1]);
        }
        return new SparseCellMatrix(cells, genes, indptr, indices, data);
    }

    private static SparseCellMatrix cscToCsr(int cells, int genes, long[] colptr, int[] rows, float[] data) {
        long[] start = new long[cells + 1];
        for (int r : rows) {
            start[r + 1]++;
        }
        for (int i = 0; i < cells; i++) {
            start[i + 1] += start[i];
        }
        long[] fill = Arrays.copyOf(start, cells);
        int[] geneIdx = new int[data.length];
        float[] values = new float[data.length];
        for (int g = 0; g < genes; g++) { // columns in order, so each row's genes come out sorted
            for (long k = colptr[g]; k < colptr[g + 1]; k++) {
                int pos = (int) fill[rows[(int) k]]++;
                geneIdx[pos] = g;
                values[pos] = data[(int) k];
            }
        }
        return new SparseCellMatrix(cells, genes, start, geneIdx, values);
    }

    private static CellMetadata metadata(Group obs, int cells, Path file) throws DataFileException {
        Attribute idx = obs.getAttribute("_index");
        String indexName = idx == null ? "_index" : String.valueOf(idx.getData());
        Node legacyCats = obs.getChildren().get("__categories");
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String name : columnOrder(obs)) {
            Node n = obs.getChildren().get(name);
            if (n == null || name.equals(indexName) || name.equals("__categories")) {
                continue;
            }
            List<String> values;
            if (n instanceof Group g && g.getChildren().containsKey("codes")) {
                values = decode(ints(dataset(g, "codes", file).getData()),
                        strings(dataset(g, "categories", file).getData()));
            } else if (n instanceof Dataset d && legacyCats instanceof Group lc && lc.getChildren().get(name)
                    instanceof Dataset cats) {
                values = decode(ints(d.getData()), strings(cats.getData()));
            } else if (n instanceof Dataset d) {
                values = strings(d.getData());
            } else {
                continue; // nested structures (e.g. nullable arrays) are not cell annotations we use
            }
            if (values.size() == cells) {
                columns.put(name, values);
            }
        }
        return new CellMetadata(cells, columns);
    }

    private static List<String> columnOrder(Group obs) {
        Attribute order = obs.getAttribute("column-order");
        if (order != null && order.getData() instanceof String[] names) {
            return Arrays.asList(names);
        }
        return new ArrayList<>(obs.getChildren().keySet());
    }

    private static List<String> decode(int[] codes, List<String> categories) {
        List<String> out = new ArrayList<>(codes.length);
        for (int c : codes) {
            out.add(c < 0 || c >= categories.size() ? "" : categories.get(c));
        }
        return out;
    }

    private static List<String> strings(Object array) {
        int n = Array.getLength(array);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object v = Array.get(array, i);
            out.add(v instanceof Double || v instanceof Float ? trimNumber(((Number) v).doubleValue())
                    : String.valueOf(v));
        }
        return out;
    }

    private static String trimNumber(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static float[] floats(Object a) {
        if (a instanceof float[] f) {
            return f;
        }
        float[] out = new float[Array.getLength(a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) Array.get(a, i)).floatValue();
        }
        return out;
    }

    private static int[] ints(Object a) {
        if (a instanceof int[] i) {
            return i;
        }
        int[] out = new int[Array.getLength(a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) Array.get(a, i)).intValue();
        }
        return out;
    }

    private static long[] longs(Object a) {
        long[] out = new long[Array.getLength(a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) Array.get(a, i)).longValue();
        }
        return out;
    }
}
