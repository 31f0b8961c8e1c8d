package org.cdgm.engine.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.cdgm.engine.data.UserChoice;

/** File formats of count matrices, and how to tell them by path. */
public enum MatrixFormat implements UserChoice {
    /** Choose by the path: see {@link #resolve}. */
    AUTO("auto", "Automatic (from the path)", "A folder or *matrix.mtx is 10x, .h5 is 10x HDF5, .h5ad is AnnData, "
            + ".csv/.tsv/.txt is a text table."),
    /** Cell Ranger's matrix.mtx(.gz) + features/genes.tsv(.gz) + barcodes.tsv(.gz), optionally with a shared
     * file-name prefix (GEO's {@code GSM..._matrix.mtx.gz}). */
    TEN_X("10x", "10x folder (matrix.mtx)", "Cell Ranger's folder: matrix.mtx, features.tsv (or genes.tsv) and "
            + "barcodes.tsv, optionally gzipped or with a GEO prefix."),
    /** Cell Ranger's HDF5 feature-barcode matrix ({@code filtered_feature_bc_matrix.h5}, v3+ or v2). */
    TEN_X_H5("10x-h5", "10x HDF5 file (.h5)", "Cell Ranger's filtered_feature_bc_matrix.h5 (Cell Ranger 2 or 3+)."),
    /** AnnData HDF5 ({@code .h5ad}), anndata 0.7 or newer. */
    H5AD("h5ad", "AnnData file (.h5ad)", "scanpy's AnnData file from anndata 0.7 or newer: X, a layer or raw/X."),
    /** Delimited text (comma, semicolon or tab), optionally gzipped. */
    CSV("csv", "Text table (.csv, .tsv, .txt)", "Comma-, semicolon- or tab-separated text, optionally gzipped.");

    private final String label;
    private final String title;
    private final String help;

    MatrixFormat(String label, String title, String help) {
        this.label = label;
        this.title = title;
        this.help = help;
    }

    /** What a dialog shows: "10x folder (matrix.mtx)"; {@link #label} is the word stored and typed. */
    @Override
    public String title() {
        return title;
    }

    @Override
    public String help() {
        return help;
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
