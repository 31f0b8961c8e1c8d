package org.cdgm.engine.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** File formats of count matrices, and how to tell them by path. */
public enum MatrixFormat {
    /** Choose by the path: see {@link #resolve}. */
    AUTO("auto"),
    /** Cell Ranger's matrix.mtx(.gz) + features/genes.tsv(.gz) + barcodes.tsv(.gz), optionally with a shared
     * file-name prefix (GEO's {@code GSM..._matrix.mtx.gz}). */
    TEN_X("10x"),
    /** Cell Ranger's HDF5 feature-barcode matrix ({@code filtered_feature_bc_matrix.h5}, v3+ or v2). */
    TEN_X_H5("10x-h5"),
    /** AnnData HDF5 ({@code .h5ad}), anndata 0.7 or newer. */
    H5AD("h5ad"),
    /** Delimited text (comma, semicolon or tab), optionally gzipped. */
    CSV("csv");

    private final String label;

    MatrixFormat(String label) {
        this.label = label;
    }

    /** The name users type: auto, 10x, 10x-h5, h5ad, csv. */
    public String label() {
        return label;
    }

    /**
     * The format for a user's word: a label ("10x-h5") or a constant name ("TEN_X_H5"), any case.
     *
     * @throws IllegalArgumentException naming the allowed words
     */
    public static MatrixFormat parse(String text) {
        for (MatrixFormat f : values()) {
            if (f.label.equalsIgnoreCase(text.trim()) || f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("Format '" + text + "' is not one of "
                + Arrays.stream(values()).map(MatrixFormat::label).collect(Collectors.joining(", ")));
    }

    /**
     * The concrete format of {@code path}; AUTO resolves a folder or a {@code *matrix.mtx[.gz]} file to 10x,
     * {@code *.h5} to 10x-h5, {@code *.h5ad} to h5ad and {@code *.csv/.tsv/.txt} (optionally .gz) to csv.
     *
     * @throws DataFileException when AUTO cannot tell, naming the path and the choices
     */
    public MatrixFormat resolve(Path path) throws DataFileException {
        if (this != AUTO) {
            return this;
        }
        if (Files.isDirectory(path)) {
            return TEN_X;
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h5ad")) {
            return H5AD;
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return TEN_X_H5;
        }
        if (name.matches(".*\\.mtx(\\.gz)?")) {
            return TEN_X;
        }
        if (name.matches(".*\\.(csv|tsv|txt|tab)(\\.gz)?")) {
            return CSV;
        }
        throw new DataFileException("Cannot tell the format of " + path + " from its name: expected a 10x folder "
                + "or matrix.mtx file, a Cell Ranger .h5, an .h5ad or a .csv/.tsv/.txt file (optionally gzipped); "
                + "choose the format explicitly");
    }
}
