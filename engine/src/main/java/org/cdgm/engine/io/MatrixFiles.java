package org.cdgm.engine.io;

import java.io.IOException;
import java.nio.file.Files;

import org.cdgm.engine.data.AnnotatedMatrix;

/** One entry point for every count-matrix format: resolves the format and calls its reader. */
public final class MatrixFiles {
    private MatrixFiles() {
    }

    public static AnnotatedMatrix read(MatrixReadRequest r) throws IOException {
        if (!Files.exists(r.path())) {
            throw new DataFileException(r.path() + " does not exist");
        }
        return switch (r.format().resolve(r.path())) {
            case TEN_X -> TenXReader.read(r.path(), r.metadataCsv(), r.metadataIdColumn());
            case H5AD -> H5adReader.read(r.path(), r.h5adLayer());
            case CSV -> CsvMatrixReader.read(r.path(), r.csv());
            case AUTO -> throw new IllegalStateException("resolve() never returns AUTO");
        };
    }
}
