package org.cdgm.knime.nodes.reader;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.cdgm.engine.io.CsvMatrixOptions;
import org.cdgm.engine.io.MatrixFormat;
import org.cdgm.engine.io.MatrixReadRequest;
import org.cdgm.knime.settings.Choices;
import org.cdgm.knime.settings.SettingsGroup;
import org.cdgm.knime.table.LocalPaths;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Where the counts are, how to read them, which cells are background/target, which genes to keep. */
final class CountMatrixReaderNodeSettings extends SettingsGroup {
    static final String CFG_PATH = "path";
    static final String CFG_FORMAT = "format";
    static final String CFG_H5AD_LAYER = "h5ad_layer";
    static final String CFG_METADATA_FILE = "metadata_file";
    static final String CFG_METADATA_ID_COLUMN = "metadata_id_column";
    static final String CFG_CSV_CELLS_AS_ROWS = "csv_cells_as_rows";
    static final String CFG_CSV_ID_COLUMN = "csv_id_column";
    static final String CFG_CSV_METADATA_COLUMNS = "csv_metadata_columns";
    static final String CFG_CONDITION_SOURCE = "condition_source_column";
    static final String CFG_BACKGROUND_VALUES = "background_values";
    static final String CFG_TARGET_VALUES = "target_values";
    static final String CFG_MIN_CELLS = "min_cells_per_gene";
    static final String CFG_TOP_GENES = "top_variable_genes";

    final SettingsModelString path = add(new SettingsModelString(CFG_PATH, ""));
    final SettingsModelString format = add(new SettingsModelString(CFG_FORMAT, MatrixFormat.AUTO.name()));
    final SettingsModelString h5adLayer = add(new SettingsModelString(CFG_H5AD_LAYER, ""));
    final SettingsModelString metadataFile = add(new SettingsModelString(CFG_METADATA_FILE, ""));
    final SettingsModelString metadataIdColumn = add(new SettingsModelString(CFG_METADATA_ID_COLUMN, ""));
    final SettingsModelBoolean csvCellsAsRows = add(new SettingsModelBoolean(CFG_CSV_CELLS_AS_ROWS, true));
    final SettingsModelString csvIdColumn = add(new SettingsModelString(CFG_CSV_ID_COLUMN, ""));
    final SettingsModelString csvMetadataColumns = add(new SettingsModelString(CFG_CSV_METADATA_COLUMNS,
            "condition"));
    final SettingsModelString conditionSource = add(new SettingsModelString(CFG_CONDITION_SOURCE, "condition"));
    final SettingsModelString backgroundValues = add(new SettingsModelString(CFG_BACKGROUND_VALUES,
            "background"));
    final SettingsModelString targetValues = add(new SettingsModelString(CFG_TARGET_VALUES, ""));
    final SettingsModelIntegerBounded minCells = add(new SettingsModelIntegerBounded(CFG_MIN_CELLS, 0, 0,
            Integer.MAX_VALUE));
    final SettingsModelIntegerBounded topGenes = add(new SettingsModelIntegerBounded(CFG_TOP_GENES, 0, 0,
            Integer.MAX_VALUE));

    @Override
    public void check() throws InvalidSettingsException {
        readRequest();
        backgroundSet();
    }

    /** The engine's read request, with the file checked to exist. */
    MatrixReadRequest readRequest() throws InvalidSettingsException {
        Path p = LocalPaths.existing("File or folder", path.getStringValue());
        MatrixFormat f = Choices.parse(MatrixFormat.class, "Format", format.getStringValue());
        String metaText = metadataFile.getStringValue();
        Path meta = metaText == null || metaText.isBlank() ? null : LocalPaths.existing("Cell metadata file (10x)", metaText);
        boolean rows = csvCellsAsRows.getBooleanValue();
        CsvMatrixOptions csv = engine(() -> new CsvMatrixOptions(rows, true, blankToNull(csvIdColumn),
                rows ? list(csvMetadataColumns.getStringValue()) : Set.of(), null, (char) 0));
        return new MatrixReadRequest(p, f, blankToNull(h5adLayer), meta, blankToNull(metadataIdColumn), csv);
    }

    Set<String> backgroundSet() throws InvalidSettingsException {
        Set<String> bg = list(backgroundValues.getStringValue());
        if (bg.isEmpty()) {
            throw new InvalidSettingsException("Setting 'Background values' is empty: give the value(s) of '"
                    + conditionSource.getStringValue() + "' that mark control cells");
        }
        return bg;
    }

    /** Null means every value that is not background. */
    Set<String> targetSet() {
        Set<String> tg = list(targetValues.getStringValue());
        return tg.isEmpty() ? null : tg;
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
