package org.cdgm.engine.io;

import java.io.IOException;
import java.nio.file.Files;

import java.util.List;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.DenseCellMatrix;

/**
 * One entry point for every count-matrix format: resolves the format, calls its reader and joins the cell
 * metadata file when one is given. The KNIME reader node, the jobs and {@code ./cdgm inspect} all read through here.
 */
public final class MatrixFiles {
    private MatrixFiles() {
    }

    /**
     * Reads a count matrix in the request's format, or the one its path shows ({@link MatrixFormat#resolve}): a 10x
     * Genomics Matrix Market folder or {@code matrix.mtx} (Cell Ranger's feature-barcode matrix, plain or gzipped,
     * with a GEO file-name prefix), a Cell Ranger {@code .h5} (the same matrix in HDF5), an AnnData {@code .h5ad}
     * ({@code X}, a layer or {@code raw/X}, dense or CSR/CSC, decoded by AnnData's on-disk encodings) or delimited
     * text (RFC 4180 CSV or TSV, cells as rows or as columns). Counts are stored as floats, sparse inputs in CSR;
     * feature types other than the requested ones are dropped. When the request names a metadata file, its rows
     * are joined to the cells by id ({@link MetadataJoin}: rows of other cells are ignored, a cell without a row
     * keeps missing values with a warning, a file that matches no cell is an error).
     *
     * @param r what to read: path, format, h5ad layer, feature types, delimited-text options and metadata file
     * @return cells x genes counts with the gene names, cell ids, cell metadata and the warnings raised while
     *         reading
     * @throws DataFileException when a file is missing, malformed or inconsistent; the message names the file and,
     *                           where known, the line, row, column or HDF5 element
     * @throws IOException       when the file system fails
     */
    public static AnnotatedMatrix read(MatrixReadRequest r) throws IOException {
        if (!Files.exists(r.path())) {
            throw new DataFileException(r.path() + " does not exist");
        }
        AnnotatedMatrix a = switch (r.format().resolve(r.path())) {
            case TEN_X -> TenXReader.read(r);
            case TEN_X_H5 -> TenXH5Reader.read(r);
            case H5AD -> H5adReader.read(r);
            case CSV -> CsvMatrixReader.read(r.path(), r.csv());
            case AUTO -> throw new IllegalStateException("resolve() never returns AUTO");
        };
        return r.metadataFile() == null ? a : MetadataJoin.join(a, r.metadataFile(), r.metadataIdColumn(), r.csv());
    }

    /**
     * The genes, cells and cell metadata a {@link #read} of the same request returns, without reading the counts:
     * a 10x folder's features and barcodes files, a 10x .h5's feature and barcode datasets, an h5ad's var, obs and
     * the presence of the chosen matrix; the metadata file is joined as {@link #read} joins it. Delimited text is
     * the exception: which columns are genes (numbers) and which are metadata (text), and the metadata's values,
     * are known only from every line, so the table is read as a whole (its matrix then dropped).
     *
     * @throws DataFileException as {@link #read} would for the same files, except for faults in the counts
     * @throws IOException       when the file system fails
     */
    public static MatrixHeader readHeader(MatrixReadRequest r) throws IOException {
        if (!Files.exists(r.path())) {
            throw new DataFileException(r.path() + " does not exist");
        }
        MatrixHeader h = switch (r.format().resolve(r.path())) {
            case TEN_X -> TenXReader.header(r);
            case TEN_X_H5 -> TenXH5Reader.header(r);
            case H5AD -> H5adReader.header(r);
            case CSV -> MatrixHeader.of(CsvMatrixReader.read(r.path(), r.csv()));
            case AUTO -> throw new IllegalStateException("resolve() never returns AUTO");
        };
        if (r.metadataFile() == null) {
            return h;
        }
        // The join needs only the cell ids: a cells x 0 matrix stands in for the counts.
        AnnotatedMatrix shell = new AnnotatedMatrix(new DenseCellMatrix(h.cells(), 0, new float[0]), List.of(),
                h.cellIds(), h.metadata(), h.warnings());
        AnnotatedMatrix joined = MetadataJoin.join(shell, r.metadataFile(), r.metadataIdColumn(), r.csv());
        return new MatrixHeader(h.genes(), h.cellIds(), joined.metadata(), joined.warnings());
    }
}
