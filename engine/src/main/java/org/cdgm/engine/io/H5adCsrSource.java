package org.cdgm.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import org.cdgm.engine.data.CsrRows;
import org.cdgm.engine.data.RowBlockSource;

/**
 * The cells x genes matrix of an .h5ad file stored as compressed sparse rows (anndata's csr_matrix: X/data,
 * X/indices, X/indptr), read a block of rows at a time with jHDF's sliced dataset reads: the row pointer (8 bytes per
 * cell) is read once on opening, each block then reads only its range of data and indices. jHDF 0.8 slices
 * contiguous datasets only, so X/data and X/indices must be stored contiguous ({@link H5adCsrWriter} writes them
 * so; anndata's default chunked layout is refused with a message saying how to rewrite it). Unsorted gene indices
 * within a row are sorted; repeated ones are an error.
 */
public final class H5adCsrSource implements RowBlockSource {
    private final Path file;
    private final String where;
    private final HdfFile h5;
    private final Dataset data;
    private final Dataset indices;
    private final long[] indptr;
    private final int genes;
    private final List<String> geneNames;

    private H5adCsrSource(Path file, String where, HdfFile h5, Dataset data, Dataset indices, long[] indptr,
                          List<String> geneNames) {
        this.file = file;
        this.where = where;
        this.h5 = h5;
        this.data = data;
        this.indices = indices;
        this.indptr = indptr;
        this.geneNames = List.copyOf(geneNames);
        this.genes = geneNames.size();
    }

    /**
     * Opens X (or layers/{@code layer}) of an .h5ad file for block reads.
     *
     * @param layer null or "X" for X, else a name under layers/
     * @throws DataFileException when the file is missing or not HDF5, lacks obs/var, or the matrix is absent, dense,
     *                           CSC, or has a row pointer or shape inconsistent with obs/var (the message names the
     *                           file and element)
     */
    public static H5adCsrSource open(Path file, String layer) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + " does not exist or is not a file");
        }
        String where = layer == null || layer.isBlank() || layer.equals("X") ? "X" : "layers/" + layer.strip();
        HdfFile h5 = null;
        try {
            h5 = new HdfFile(file);
            H5adCsrSource s = open(h5, file, where);
            h5 = null; // owned by the source from here on
            return s;
        } catch (HdfException e) {
            throw new DataFileException(file + " is not a readable HDF5/h5ad file: " + e.getMessage(), e);
        } finally {
            if (h5 != null) {
                h5.close();
            }
        }
    }

    private static H5adCsrSource open(HdfFile h5, Path file, String where) throws DataFileException {
        String at = file + ": " + where;
        Node x = h5;
        for (String part : where.split("/")) {
            x = x instanceof Group parent ? parent.getChildren().get(part) : null;
        }
        if (x == null) {
            throw new DataFileException(file + " has no " + where);
        }
        if (!(x instanceof Group g) || !AnnDataColumn.encoding(x).equals("csr_matrix")) {
            String enc = x instanceof Group ? AnnDataColumn.encoding(x) : "dense array";
            throw new DataFileException(at + " is stored as " + (enc.isEmpty() ? "an unlabelled group" : enc)
                    + "; out-of-core training reads cells as compressed sparse rows (csr_matrix). Rewrite it in "
                    + "Python: adata.X = scipy.sparse.csr_matrix(adata.X); adata.write_h5ad(path)");
        }
        Node obs = h5.getChildren().get("obs");
        Node var = h5.getChildren().get("var");
        if (!(obs instanceof Group) || !(var instanceof Group varGroup)) {
            throw new DataFileException(file + " lacks the obs and var groups of an h5ad file");
        }
        List<String> geneNames = H5adReader.index(varGroup, file);
        long[] indptr = HdfArrays.longs(AnnDataColumn.dataset(g, "indptr", at).getData());
        Dataset data = AnnDataColumn.dataset(g, "data", at);
        Dataset indices = AnnDataColumn.dataset(g, "indices", at);
        for (Dataset d : new Dataset[] {data, indices}) {
            if (d instanceof ChunkedDataset) {
                throw new DataFileException(at + "/" + d.getName() + " is stored in HDF5 chunks (anndata's default "
                        + "for sparse arrays); out-of-core training reads row ranges by slicing, which jHDF "
                        + "0.8 does for contiguous arrays only. Rewrite X/data and X/indices as contiguous arrays "
                        + "(h5py: create_dataset without chunks, compression or maxshape), or train in memory");
            }
        }
        int cells = indptr.length - 1;
        long nnz = data.getDimensions().length == 1 ? data.getDimensions()[0] : -1;
        if (cells < 0 || indptr[0] != 0 || indptr[cells] != nnz || indices.getDimensions()[0] != nnz) {
            throw new DataFileException(at + ": indptr does not match data and indices (" + nnz + " stored values)");
        }
        for (int i = 0; i < cells; i++) {
            if (indptr[i + 1] < indptr[i]) {
                throw new DataFileException(at + ": indptr decreases at row " + i);
            }
        }
        Attribute shape = g.getAttribute("shape");
        if (shape != null && shape.getData() != null) {
            long[] s = HdfArrays.longs(shape.getData());
            if (s.length != 2 || s[0] != cells || s[1] != geneNames.size()) {
                throw new DataFileException(at + " has shape " + Arrays.toString(s) + " but indptr has " + cells
                        + " rows and var " + geneNames.size() + " genes");
            }
        }
        return new H5adCsrSource(file, where, h5, data, indices, indptr, geneNames);
    }

    /** var's index, in column order. */
    public List<String> geneNames() {
        return geneNames;
    }

    @Override
    public int cells() {
        return indptr.length - 1;
    }

    @Override
    public int genes() {
        return genes;
    }

    @Override
    public long nonZeros(int from, int to) {
        return indptr[to] - indptr[from];
    }

    @Override
    public CsrRows read(int from, int to) throws IOException {
        if (from < 0 || to > cells() || from > to) {
            throw new IndexOutOfBoundsException("rows " + from + "-" + to + " of " + cells());
        }
        long lo = indptr[from];
        int len = Math.toIntExact(indptr[to] - lo);
        float[] values;
        int[] genesOf;
        try {
            values = len == 0 ? new float[0] : HdfArrays.floats(data.getData(new long[] {lo}, new int[] {len}));
            genesOf = len == 0 ? new int[0] : ints(indices.getData(new long[] {lo}, new int[] {len}));
        } catch (HdfException e) {
            throw new DataFileException(describe() + ": cannot read rows " + from + "-" + (to - 1) + ": "
                    + e.getMessage(), e);
        }
        int[] rowStart = new int[to - from + 1];
        for (int i = from; i < to; i++) {
            int a = (int) (indptr[i] - lo);
            int b = (int) (indptr[i + 1] - lo);
            rowStart[i - from + 1] = b;
            sortRow(genesOf, values, a, b);
            for (int k = a; k < b; k++) {
                if (genesOf[k] < 0 || genesOf[k] >= genes || (k > a && genesOf[k] == genesOf[k - 1])) {
                    throw new DataFileException(describe() + ": row " + i + " has a repeated or out-of-range gene "
                            + "index " + genesOf[k] + " (" + genes + " genes)");
                }
            }
        }
        return new CsrRows(genes, rowStart, genesOf, values);
    }

    /** Sorts one row's (gene, value) pairs by gene; rows written by anndata are sorted already. */
    private static void sortRow(int[] g, float[] v, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (g[k] < g[k - 1]) {
                for (int i = k; i > from && g[i] < g[i - 1]; i--) {
                    int tg = g[i];
                    g[i] = g[i - 1];
                    g[i - 1] = tg;
                    float tv = v[i];
                    v[i] = v[i - 1];
                    v[i - 1] = tv;
                }
            }
        }
    }

    private static int[] ints(Object a) {
        if (a instanceof int[] i) {
            return i;
        }
        long[] l = HdfArrays.longs(a);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = Math.toIntExact(l[i]);
        }
        return out;
    }

    @Override
    public String describe() {
        return file + " (" + where + ")";
    }

    @Override
    public void close() {
        h5.close();
    }
}
