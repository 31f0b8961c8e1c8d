package org.cdgm.knime.nodes.reader;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.CsvMatrixOptions;
import org.cdgm.engine.io.MatrixFormat;
import org.cdgm.engine.io.MatrixReadRequest;
import org.cdgm.engine.preprocess.PreparationSettings;
import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.table.LocalPaths;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Where the counts are, how to read them (the options of {@code ./cdgm inspect}), which cells are background and
 * target, which cells and genes to keep. The engine's {@link MatrixReadRequest}, {@link CsvMatrixOptions} and
 * {@link PreparationSettings} validate; their messages reach the user unchanged.
 */
final class CountMatrixReaderNodeSettings extends SettingsGroup {
    static final String CFG_PATH = "path";
    static final String CFG_FORMAT = "format";
    static final String CFG_H5AD_LAYER = "h5ad_layer";
    static final String CFG_METADATA_FILE = "metadata_file";
    static final String CFG_METADATA_ID_COLUMN = "metadata_id_column";
    static final String CFG_FEATURE_TYPES = "feature_types";
    static final String CFG_CSV_CELLS_AS_ROWS = "csv_cells_as_rows";
    static final String CFG_CSV_ID_COLUMN = "csv_id_column";
    static final String CFG_CSV_METADATA_COLUMNS = "csv_metadata_columns";
    static final String CFG_DELIMITER = "delimiter";
    static final String CFG_DECIMAL = "decimal";
    static final String CFG_CONDITION_SOURCE = "condition_source_column";
    static final String CFG_BACKGROUND_VALUES = "background_values";
    static final String CFG_TARGET_VALUES = "target_values";
    static final String CFG_MIN_CELLS = "min_cells_per_gene";
    static final String CFG_MIN_COUNTS = "min_counts_per_cell";
    static final String CFG_TOP_GENES = "top_variable_genes";

    /** Delimiter choices as the dialog shows them; "tab" stands for the tab character. */
    static final String[] DELIMITERS = {"auto", ",", ";", "tab"};
    static final String[] DECIMALS = {".", ","};

    final SettingsModelString path = add(new SettingsModelString(CFG_PATH, ""));
    final SettingsModelString format = add(new SettingsModelString(CFG_FORMAT, MatrixFormat.AUTO.label()));
    final SettingsModelString h5adLayer = add(new SettingsModelString(CFG_H5AD_LAYER, ""));
    final SettingsModelString metadataFile = add(new SettingsModelString(CFG_METADATA_FILE, ""));
    final SettingsModelString metadataIdColumn = add(new SettingsModelString(CFG_METADATA_ID_COLUMN, ""));
    final SettingsModelString featureTypes = add(new SettingsModelString(CFG_FEATURE_TYPES, ""));
    final SettingsModelBoolean csvCellsAsRows = add(new SettingsModelBoolean(CFG_CSV_CELLS_AS_ROWS, true));
    final SettingsModelString csvIdColumn = add(new SettingsModelString(CFG_CSV_ID_COLUMN, ""));
    final SettingsModelString csvMetadataColumns = add(new SettingsModelString(CFG_CSV_METADATA_COLUMNS, ""));
    final SettingsModelString delimiter = add(new SettingsModelString(CFG_DELIMITER, "auto"));
    final SettingsModelString decimal = add(new SettingsModelString(CFG_DECIMAL, "."));
    final SettingsModelString conditionSource = add(new SettingsModelString(CFG_CONDITION_SOURCE, "condition"));
    final SettingsModelString backgroundValues = add(new SettingsModelString(CFG_BACKGROUND_VALUES,
            "background"));
    final SettingsModelString targetValues = add(new SettingsModelString(CFG_TARGET_VALUES, ""));
    final SettingsModelIntegerBounded minCells = add(new SettingsModelIntegerBounded(CFG_MIN_CELLS, 0, 0,
            Integer.MAX_VALUE));
    final SettingsModelIntegerBounded minCounts = add(new SettingsModelIntegerBounded(CFG_MIN_COUNTS, 0, 0,
            Integer.MAX_VALUE));
    /** 2,000 by default (scvi-tools' choice); workflows saved with another number, 0 included, keep theirs. */
    final SettingsModelIntegerBounded topGenes = add(new SettingsModelIntegerBounded(CFG_TOP_GENES,
            PreparationSettings.USUAL_TOP_GENES, 0, Integer.MAX_VALUE));

    /**
     * Checks every setting but the paths, which configure checks ({@link #readRequest()}): this also runs when a
     * workflow loads, and a file missing then (or a path not chosen yet in a half-built workflow) must not cost the
     * node its settings.
     */
    @Override
    public void check() throws InvalidSettingsException {
        request(Path.of("."), null); // a stand-in path: only the format and text options are checked here
        preparation();
    }

    /** The engine's read request, with the files checked to exist. */
    MatrixReadRequest readRequest() throws InvalidSettingsException {
        Path p = LocalPaths.existing("File or folder", path.getStringValue());
        String metaText = metadataFile.getStringValue();
        Path meta = metaText == null || metaText.isBlank() ? null
                : LocalPaths.existing("Cell metadata file", metaText);
        return request(p, meta);
    }

    private MatrixReadRequest request(Path p, Path meta) throws InvalidSettingsException {
        MatrixFormat f = engine(() -> MatrixFormat.parse(format.getStringValue()));
        boolean rows = csvCellsAsRows.getBooleanValue();
        char sep = switch (delimiter.getStringValue().trim()) {
            case "auto", "" -> (char) 0;
            case "tab", "\t" -> '\t';
            default -> delimiter.getStringValue().trim().charAt(0);
        };
        char mark = decimal.getStringValue().isBlank() ? '.' : decimal.getStringValue().trim().charAt(0);
        CsvMatrixOptions csv = engine(() -> new CsvMatrixOptions(rows, true, blankToNull(csvIdColumn),
                rows ? list(csvMetadataColumns.getStringValue()) : Set.of(), null, sep, mark));
        return new MatrixReadRequest(p, f, blankToNull(h5adLayer), meta, blankToNull(metadataIdColumn),
                list(featureTypes.getStringValue()), csv);
    }

    /** Condition column and filters, validated by the engine. */
    PreparationSettings preparation() throws InvalidSettingsException {
        if (blankToNull(conditionSource) == null) {
            throw new InvalidSettingsException("Setting 'Condition source column' is empty: name the metadata column "
                    + "that tells background from target cells (e.g. condition or grna_target)");
        }
        try {
            return new PreparationSettings(blankToNull(conditionSource), list(backgroundValues.getStringValue()),
                    list(targetValues.getStringValue()), minCells.getIntValue(), minCounts.getIntValue(),
                    topGenes.getIntValue());
        } catch (InvalidInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    private static String blankToNull(SettingsModelString m) {
        String v = m.getStringValue();
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A comma-separated list, blanks dropped. */
    static Set<String> list(String text) {
        if (text == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
