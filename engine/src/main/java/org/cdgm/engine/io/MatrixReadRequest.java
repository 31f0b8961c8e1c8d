package org.cdgm.engine.io;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * What to read and how, for any supported format; options that do not apply to the resolved format are ignored.
 *
 * @param path             file or 10x folder
 * @param format           the format, or AUTO
 * @param h5adLayer        AnnData layer to read instead of X (e.g. "counts"), or null for X
 * @param metadataCsv      10x only: CSV with one row per cell joined on its id, or null
 * @param metadataIdColumn 10x only: column of {@code metadataCsv} holding the cell id, null for the first
 * @param csv              CSV only: orientation, id and metadata columns
 */
public record MatrixReadRequest(Path path, MatrixFormat format, String h5adLayer, Path metadataCsv,
                                String metadataIdColumn, CsvMatrixOptions csv) {
    public MatrixReadRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(csv, "csv");
    }

    /** Read {@code path} in its own format with default options (for CSV: cells as rows, header, no id column). */
    public static MatrixReadRequest of(Path path) {
        return new MatrixReadRequest(path, MatrixFormat.AUTO, null, null, null,
                new CsvMatrixOptions(true, true, null, Set.of(), null, (char) 0));
    }
}
