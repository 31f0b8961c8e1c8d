package org.cdgm.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.exceptions.HdfException;
import org.cdgm.engine.data.CsrRows;

/**
 * Writes cells x genes counts as an .h5ad file whose X is a csr_matrix (X/data float32, X/indices int32, X/indptr
 * int64) with obs and var indexed by cell and gene names, in anndata's on-disk encoding (version 0.1.0 / 0.2.0
 * labels), via jHDF's writer. jHDF 0.8 writes whole arrays, so one file's arrays are in memory while it is
 * written; larger data are written as several files (shards, {@link org.cdgm.engine.data.OnDiskCellMatrix}).
 */
public final class H5adCsrWriter {
    private H5adCsrWriter() {
    }

    /**
     * @param rows      the cells (rows x genes)
     * @param cellIds   one name per row
     * @param geneNames one name per gene
     * @throws IllegalArgumentException when the name counts do not match the matrix
     * @throws DataFileException        when the file cannot be written (the message names it)
     */
    public static void write(Path file, CsrRows rows, List<String> cellIds, List<String> geneNames)
            throws IOException {
        write(file, rows, cellIds, geneNames, Map.of());
    }

    /**
     * As {@link #write(Path, CsrRows, List, List)}, with text columns of obs (anndata string-array, no value
     * missing), e.g. a condition column.
     *
     * @throws IllegalArgumentException also when a column's length differs from the cell count
     */
    public static void write(Path file, CsrRows rows, List<String> cellIds, List<String> geneNames,
                             Map<String, List<String>> obsColumns) throws IOException {
        for (Map.Entry<String, List<String>> c : obsColumns.entrySet()) {
            if (c.getValue().size() != rows.rows()) {
                throw new IllegalArgumentException("obs column '" + c.getKey() + "' has " + c.getValue().size()
                        + " values for " + rows.rows() + " cells");
            }
        }
        if (cellIds.size() != rows.rows() || geneNames.size() != rows.genes()) {
            throw new IllegalArgumentException(cellIds.size() + " cell ids and " + geneNames.size() + " gene names "
                    + "for a " + rows.rows() + " x " + rows.genes() + " matrix");
        }
        long[] indptr = new long[rows.rowStart().length];
        for (int i = 0; i < indptr.length; i++) {
            indptr[i] = rows.rowStart()[i];
        }
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            label(h5, "anndata", "0.1.0");
            WritableGroup x = h5.putGroup("X");
            label(x, "csr_matrix", "0.1.0");
            x.putAttribute("shape", new long[] {rows.rows(), rows.genes()});
            x.putDataset("data", rows.values());
            x.putDataset("indices", rows.geneIndex());
            x.putDataset("indptr", indptr);
            WritableGroup obs = frame(h5, "obs", cellIds);
            if (!obsColumns.isEmpty()) { // jHDF 0.8 cannot write an empty array attribute
                obs.putAttribute("column-order", obsColumns.keySet().toArray(new String[0]));
            }
            for (Map.Entry<String, List<String>> c : obsColumns.entrySet()) {
                label(obs.putDataset(c.getKey(), c.getValue().toArray(new String[0])), "string-array", "0.2.0");
            }
            frame(h5, "var", geneNames);
        } catch (HdfException e) {
            throw new DataFileException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static WritableGroup frame(WritableGroup root, String name, List<String> index) {
        WritableGroup g = root.putGroup(name);
        label(g, "dataframe", "0.2.0");
        g.putAttribute("_index", "_index");
        label(g.putDataset("_index", index.toArray(new String[0])), "string-array", "0.2.0");
        return g;
    }

    private static void label(WritableNode n, String type, String version) {
        n.putAttribute("encoding-type", type);
        n.putAttribute("encoding-version", version);
    }
}
