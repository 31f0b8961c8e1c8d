package org.cdgm.engine.io;

import java.io.IOException;
import java.nio.file.Files;

import org.cdgm.engine.data.AnnotatedMatrix;

/**
 * One entry point for every count-matrix format: resolves the format, calls its reader and joins the cell
 * metadata file when one is given. The KNIME reader node, the jobs and {@code ./cdgm inspect} all read through here.
 */
public final class MatrixFiles {
    private MatrixFiles() {
    }

    /**
     * @return cells x genes with gene names, cell ids, metadata and the warnings raised while reading
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
}
