package org.cdgm.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.CsvMatrixOptions;
import org.cdgm.engine.io.MatrixFormat;
import org.cdgm.engine.io.MatrixReadRequest;
import org.cdgm.engine.preprocess.PreparationSettings;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * The input and preparation options every command that reads a count matrix shares (a picocli mixin): INPUT, its
 * format and reader options, the cell metadata, background/target labels and the cell and gene filters, turned
 * into the engine's {@link MatrixReadRequest} and {@link PreparationSettings} as the KNIME reader node does.
 */
public final class ReadOptions {
    @Parameters(index = "0", paramLabel = "INPUT",
            description = "The count matrix: a 10x folder (matrix.mtx[.gz], features.tsv or genes.tsv, "
                    + "barcodes.tsv), a matrix.mtx file, a Cell Ranger .h5, an .h5ad or a delimited text file "
                    + "(.csv, .tsv, .txt, optionally gzipped).")
    Path input;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "The format of INPUT: auto, 10x, 10x-h5, h5ad or csv; auto (the default) tells it from "
                    + "the path (a folder is 10x).")
    MatrixFormat format = MatrixFormat.AUTO;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "h5ad only: read the layer NAME (e.g. counts) instead of X, or 'raw' for raw/X.")
    String layer;

    @Option(names = "--metadata", paramLabel = "FILE",
            description = "A delimited text file with one row per cell whose columns are joined to the cells by "
                    + "cell id (for any format).")
    Path metadata;

    @Option(names = "--metadata-id-column", paramLabel = "COL",
            description = "The column of the --metadata file that holds the cell ids (default: its first column).")
    String metadataIdColumn;

    @Option(names = "--feature-types", paramLabel = "TYPE", split = ",",
            description = "10x and h5ad with feature types: the comma-separated types to keep, e.g. "
                    + "\"Gene Expression,Antibody Capture\", or 'all' (default: Gene Expression only).")
    List<String> featureTypes = new ArrayList<>();

    @Option(names = "--delimiter", paramLabel = "SEP", converter = DelimiterConverter.class,
            description = "CSV only: the field separator, one of auto (detect it, the default), ',', ';' or tab.")
    char delimiter = 0;

    @Option(names = "--decimal", paramLabel = "MARK", converter = DecimalConverter.class,
            description = "CSV only: the decimal mark of the values, '.' (the default) or ',' (which needs ';' or "
                    + "tab as delimiter).")
    char decimal = '.';

    @Option(names = "--genes-as-rows",
            description = "CSV only: the file has one row per gene and one column per cell (R and GEO tables); by "
                    + "default it has one row per cell.")
    boolean genesAsRows;

    @Option(names = "--id-column", paramLabel = "COL",
            description = "CSV only: the column holding the cell ids (or the gene names with --genes-as-rows); by "
                    + "default an unnamed or text first column.")
    String idColumn;

    @Option(names = "--condition-column", paramLabel = "COL",
            description = "The metadata column that tells background from target cells; cells with a missing or "
                    + "other value are left out. Needs --background.")
    String conditionColumn;

    @Option(names = "--background", paramLabel = "VALUE", split = ",",
            description = "The comma-separated values of --condition-column that mark background (control) "
                    + "cells.")
    List<String> background = new ArrayList<>();

    @Option(names = "--target", paramLabel = "VALUE", split = ",",
            description = "The comma-separated values of --condition-column that mark target cells (default: "
                    + "every other non-missing value).")
    List<String> target = new ArrayList<>();

    @Option(names = "--batch-column", paramLabel = "COL",
            description = "The metadata column that says which batch or replicate each cell comes from (e.g. "
                    + "bio_rep: the library, lane, donor or day the cell was processed in). Optional. The model "
                    + "then learns batch differences apart from the shared and salient spaces, so that cells of "
                    + "different replicates mix there (scVI's batch correction). Use it when replicates or batches "
                    + "separate cells by technique rather than biology; do not use the condition column, and note "
                    + "that biology confounded with batch (a knockout done in one replicate only) is removed with "
                    + "it. Cells without a value are left out; it needs at least two values among the kept cells.")
    String batchColumn;

    @Option(names = "--min-cells-per-gene", paramLabel = "N",
            description = "Keep only genes with a non-zero count in at least N cells (default 0: keep all).")
    int minCellsPerGene;

    @Option(names = "--min-counts-per-cell", paramLabel = "N",
            description = "Keep only cells with at least N counts in total (default 0: keep all).")
    int minCountsPerCell;

    @Option(names = "--top-genes", paramLabel = "N",
            description = "Keep the N most highly variable genes (scanpy's seurat flavour) when the file has more; "
                    + "default 2000, as the KNIME reader node and scvi-tools; 0 keeps every gene.")
    int topGenes = PreparationSettings.USUAL_TOP_GENES;

    /** What to read; contradictory CSV options are a usage error. */
    public MatrixReadRequest request(CommandSpec spec) {
        CsvMatrixOptions csv;
        try {
            csv = new CsvMatrixOptions(!genesAsRows, true, blankToNull(idColumn), Set.of(), null, delimiter,
                    decimal);
        } catch (IllegalArgumentException e) {
            throw Main.usageError(spec, e.getMessage());
        }
        return new MatrixReadRequest(input, format, blankToNull(layer), metadata, blankToNull(metadataIdColumn),
                values(featureTypes), csv);
    }

    /** How to prepare the cells; options the engine rejects are a usage error. */
    public PreparationSettings settings(CommandSpec spec) {
        String column = blankToNull(conditionColumn);
        Set<String> bg = values(background);
        Set<String> tg = values(target);
        if (column == null && !bg.isEmpty()) {
            throw Main.usageError(spec, "--background needs --condition-column");
        }
        if (column == null && !tg.isEmpty()) {
            throw Main.usageError(spec, "--target needs --condition-column");
        }
        if (column != null && bg.isEmpty()) {
            throw Main.usageError(spec, "--condition-column needs --background (the values that mark control "
                    + "cells)");
        }
        requireNotNegative(spec, "--min-cells-per-gene", minCellsPerGene);
        requireNotNegative(spec, "--min-counts-per-cell", minCountsPerCell);
        requireNotNegative(spec, "--top-genes", topGenes);
        try {
            return new PreparationSettings(column, bg, tg.isEmpty() ? null : tg, minCellsPerGene, minCountsPerCell,
                    topGenes, blankToNull(batchColumn));
        } catch (InvalidInputException e) {
            throw Main.usageError(spec, e.getMessage());
        }
    }

    static void requireNotNegative(CommandSpec spec, String option, int value) {
        if (value < 0) {
            throw Main.usageError(spec, option + " must be 0 or more, got " + value);
        }
    }

    /** The non-blank, trimmed entries of a comma list, in order, without repeats. */
    private static Set<String> values(List<String> items) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : items) {
            if (s != null && !s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** auto, 10x, 10x-h5, h5ad or csv. */
    static final class FormatConverter implements ITypeConverter<MatrixFormat> {
        @Override
        public MatrixFormat convert(String value) {
            try {
                return MatrixFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** auto (0 = detect), ',', ';', or tab (the word or a tab character). */
    static final class DelimiterConverter implements ITypeConverter<Character> {
        @Override
        public Character convert(String value) {
            switch (value.equals("\t") ? "tab" : value.strip().toLowerCase(Locale.ROOT)) {
                case "auto":
                    return (char) 0;
                case ",":
                case "comma":
                    return ',';
                case ";":
                case "semicolon":
                    return ';';
                case "tab":
                case "\\t":
                    return '\t';
                default:
                    throw new TypeConversionException("'" + value + "' is not a delimiter: use auto, ',', ';' or "
                            + "tab");
            }
        }
    }

    /** '.' or ','. */
    static final class DecimalConverter implements ITypeConverter<Character> {
        @Override
        public Character convert(String value) {
            String v = value.strip();
            if (v.equals(".") || v.equals(",")) {
                return v.charAt(0);
            }
            throw new TypeConversionException("'" + value + "' is not a decimal mark: use '.' or ','");
        }
    }
}
