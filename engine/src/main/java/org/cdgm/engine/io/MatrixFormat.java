package org.cdgm.engine.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** File formats of count matrices, and how to tell them by path. */
public enum MatrixFormat {
    /** Choose by the path: a folder is 10x, *.h5ad is AnnData, *.csv/*.tsv/*.txt (optionally .gz) is text. */
    AUTO,
    /** Cell Ranger's matrix.mtx(.gz) + features/genes.tsv + barcodes.tsv folder. */
    TEN_X,
    /** AnnData HDF5. */
    H5AD,
    /** Comma or tab separated text. */
    CSV;

    /** The concrete format of {@code path}; AUTO resolves by folder or file extension. */
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
        if (name.matches(".*\\.(csv|tsv|txt)(\\.gz)?")) {
            return CSV;
        }
        throw new DataFileException("Cannot tell the format of " + path + " from its name: expected a 10x folder, "
                + "an .h5ad file or a .csv/.tsv/.txt file (optionally gzipped); choose the format explicitly");
    }
}
