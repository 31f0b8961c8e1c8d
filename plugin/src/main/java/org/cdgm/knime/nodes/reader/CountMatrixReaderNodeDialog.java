package org.cdgm.knime.nodes.reader;

import java.nio.file.Path;

import org.cdgm.engine.data.UserChoice;
import org.cdgm.engine.io.MatrixFormat;
import org.cdgm.knime.settings.DescribedSettingsPane;
import org.cdgm.knime.table.LocalPaths;

/**
 * File and format first; background/target selection and cell and gene filters below; format details on a tab,
 * each enabled only for the formats it applies to (the chosen format, or the one the path resolves to).
 */
final class CountMatrixReaderNodeDialog extends DescribedSettingsPane {
    private final CountMatrixReaderNodeSettings s = new CountMatrixReaderNodeSettings();

    CountMatrixReaderNodeDialog() {
        super(CountMatrixReaderNodeFactory.class);
        createNewGroup("Count matrix");
        file(s.path, "File or folder", "cdgm-count-matrix", CountMatrixReaderNodeDialog::describeMatrix, ".h5ad",
                ".h5", ".mtx", ".mtx.gz", ".csv", ".tsv", ".csv.gz", ".tsv.gz", ".txt");
        choice(s.format, "Format", MatrixFormat.values(), MatrixFormat::label);
        closeCurrentGroup();
        createNewGroup("Background and target");
        text(s.conditionSource, "Condition source column");
        text(s.backgroundValues, "Background values");
        text(s.targetValues, "Target values");
        closeCurrentGroup();
        createNewGroup("Cells and genes");
        number(s.minCounts, "Minimum counts per cell");
        number(s.minCells, "Minimum cells per gene");
        number(s.topGenes, "Highly variable genes");
        closeCurrentGroup();

        createNewTab("Format options");
        createNewGroup("AnnData and 10x");
        text(s.h5adLayer, "Layer (h5ad)");
        text(s.featureTypes, "Feature types");
        closeCurrentGroup();
        createNewGroup("Cell metadata");
        file(s.metadataFile, "Cell metadata file", "cdgm-cell-metadata", CountMatrixReaderNodeDialog::describeText,
                ".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz");
        text(s.metadataIdColumn, "Metadata cell ID column");
        closeCurrentGroup();
        createNewGroup("Text tables");
        choice(s.delimiter, "Delimiter", Delimiter.values(), Delimiter::stored, false);
        choice(s.decimal, "Decimal mark", DecimalMark.values(), DecimalMark::stored, false);
        check(s.csvCellsAsRows, "CSV has cells as rows");
        text(s.csvIdColumn, "CSV ID column");
        text(s.csvMetadataColumns, "CSV metadata columns");
        closeCurrentGroup();

        enableWhen(s.h5adLayer, () -> applies(MatrixFormat.H5AD), s.path, s.format);
        enableWhen(s.featureTypes, () -> applies(MatrixFormat.TEN_X, MatrixFormat.TEN_X_H5, MatrixFormat.H5AD),
                s.path, s.format);
        enableWhen(s.metadataIdColumn, this::hasMetadata, s.metadataFile);
        // delimiter and decimal mark also read the metadata file
        enableWhen(s.delimiter, () -> applies(MatrixFormat.CSV) || hasMetadata(), s.path, s.format,
                s.metadataFile);
        enableWhen(s.decimal, () -> applies(MatrixFormat.CSV) || hasMetadata(), s.path, s.format, s.metadataFile);
        enableWhen(s.csvCellsAsRows, () -> applies(MatrixFormat.CSV), s.path, s.format);
        enableWhen(s.csvIdColumn, () -> applies(MatrixFormat.CSV), s.path, s.format);
        enableWhen(s.csvMetadataColumns, () -> applies(MatrixFormat.CSV) && s.csvCellsAsRows.getBooleanValue(),
                s.path, s.format, s.csvCellsAsRows);
    }

    /** The delimiter words the settings store ({@link CountMatrixReaderNodeSettings#DELIMITERS}), in words. */
    enum Delimiter implements UserChoice {
        AUTO("Detect", "Comma, semicolon or tab, detected from the first lines.", "auto"),
        COMMA("Comma", "Fields separated by commas (.csv).", ","),
        SEMICOLON("Semicolon", "Fields separated by semicolons (spreadsheets with a decimal comma).", ";"),
        TAB("Tab", "Fields separated by tabs (.tsv).", "tab");

        private final String title;
        private final String help;
        private final String stored;

        Delimiter(String title, String help, String stored) {
            this.title = title;
            this.help = help;
            this.stored = stored;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public String help() {
            return help;
        }

        String stored() {
            return stored;
        }
    }

    /** The decimal marks the settings store ({@link CountMatrixReaderNodeSettings#DECIMALS}), in words. */
    enum DecimalMark implements UserChoice {
        POINT("Point (3.5)", "Numbers written with a decimal point.", "."),
        COMMA("Comma (3,5)", "Numbers written with a decimal comma, as spreadsheets in many languages save them.",
                ",");

        private final String title;
        private final String help;
        private final String stored;

        DecimalMark(String title, String help, String stored) {
            this.title = title;
            this.help = help;
            this.stored = stored;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public String help() {
            return help;
        }

        String stored() {
            return stored;
        }
    }

    private boolean hasMetadata() {
        String m = s.metadataFile.getStringValue();
        return m != null && !m.isBlank();
    }

    /** Whether the format in effect is one of {@code formats}; true when it cannot be told yet (no file). */
    private boolean applies(MatrixFormat... formats) {
        MatrixFormat f = effectiveFormat(s.format.getStringValue(), s.path.getStringValue());
        if (f == null) {
            return true;
        }
        for (MatrixFormat x : formats) {
            if (x == f) {
                return true;
            }
        }
        return false;
    }

    /** The chosen format, or for auto the one the existing path resolves to; null when unknown. */
    static MatrixFormat effectiveFormat(String format, String path) {
        try {
            MatrixFormat f = MatrixFormat.parse(format == null ? "" : format);
            if (f != MatrixFormat.AUTO) {
                return f;
            }
            return path == null || path.isBlank() ? null
                    : MatrixFormat.AUTO.resolve(LocalPaths.existing("File or folder", path));
        } catch (Exception e) { // unknown format word, missing file, unrecognised name: every option stays open
            return null;
        }
    }

    /** What the path holds, as the reader will take it. */
    static String describeMatrix(String path) {
        if (path.isBlank()) {
            return "Choose a 10x folder, a Cell Ranger .h5, an .h5ad or a text table.";
        }
        Path p;
        try {
            p = LocalPaths.existing("File or folder", path);
        } catch (Exception e) {
            return "Not found: " + path + " (the node says so when it is configured; the path is kept).";
        }
        try {
            return "Found: " + MatrixFormat.AUTO.resolve(p).title() + ".";
        } catch (Exception e) {
            return "Found, but the format cannot be told from the name: choose it under Format.";
        }
    }

    static String describeText(String path) {
        if (path.isBlank()) {
            return "Optional: a table with one row per cell.";
        }
        try {
            LocalPaths.existing("Cell metadata file", path);
            return "Found.";
        } catch (Exception e) {
            return "Not found: " + path + " (the node says so when it is configured).";
        }
    }
}
