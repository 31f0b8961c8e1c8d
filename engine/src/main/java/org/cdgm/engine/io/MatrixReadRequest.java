package org.cdgm.engine.io;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * What to read and how, for any supported format; options that do not apply to the resolved format are ignored.
 *
 * @param path             file or 10x folder
 * @param format           the format, or AUTO
 * @param layer            h5ad: a name under {@code layers/} (e.g. "counts"), "raw" for {@code raw/X}, or null for
 *                         X
 * @param metadataFile     delimited text with one row per cell, joined on the cell id (any format), or null
 * @param metadataIdColumn column of {@code metadataFile} holding the cell id, null for its first column
 * @param featureTypes     10x / h5ad with a feature-type column: the types to keep; empty for "Gene Expression"
 *                         only, {@code "all"} for every feature
 * @param csv              delimited text only: orientation, id and metadata columns, delimiter, decimal mark
 */
public record MatrixReadRequest(Path path, MatrixFormat format, String layer, Path metadataFile,
                                String metadataIdColumn, Set<String> featureTypes, CsvMatrixOptions csv) {
    /** The feature type kept by default, as Cell Ranger names it. */
    public static final String GENE_EXPRESSION = "Gene Expression";

    public MatrixReadRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(csv, "csv");
        featureTypes = featureTypes == null ? Set.of() : Set.copyOf(featureTypes);
    }

    /** The old form: default feature types. */
    public MatrixReadRequest(Path path, MatrixFormat format, String layer, Path metadataFile, String metadataIdColumn,
                             CsvMatrixOptions csv) {
        this(path, format, layer, metadataFile, metadataIdColumn, Set.of(), csv);
    }

    /** Read {@code path} in its own format with default options. */
    public static MatrixReadRequest of(Path path) {
        return new MatrixReadRequest(path, MatrixFormat.AUTO, null, null, null, Set.of(), CsvMatrixOptions.defaults());
    }

    /** Whether every feature type is kept. */
    public boolean allFeatureTypes() {
        return featureTypes.stream().anyMatch(t -> t.equalsIgnoreCase("all"));
    }
}
