package org.cdgm.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.CsvMatrixOptions;
import org.cdgm.engine.io.MatrixFiles;
import org.cdgm.engine.io.MatrixFormat;
import org.cdgm.engine.io.MatrixReadRequest;
import org.cdgm.engine.preprocess.CellPreparation;
import org.cdgm.engine.preprocess.PreparationSettings;
import org.cdgm.engine.preprocess.PreparedCells;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code cdgm inspect INPUT [options]}: reads a count matrix as the KNIME reader node does (same engine reader, same
 * preparation) and prints one JSON object saying what was read and kept.
 */
@Command(name = "inspect",
        header = "Read a count matrix, prepare it as a fit would, and print what was kept as JSON.",
        description = {"Read a count matrix (10x folder or matrix.mtx, Cell Ranger .h5, AnnData .h5ad, or "
                + "CSV/TSV), optionally join cell metadata, label background and target cells and filter cells and "
                + "genes, then print what was kept as one JSON object on stdout."},
        sortOptions = false,
        sortSynopsis = false,
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nOutput:%n",
        footer = {"A JSON object with, in this order: cells, genes, gene_names (first 20), cell_names (first 5), "
                + "total (sum of all values after preparation), first_cell_values (first cell, first 20 genes), "
                + "metadata (column -> \"string\", \"integer\" or \"double\"), background and target (cell counts, "
                + "null without --condition-column), dropped (cells read but not kept) and warnings.",
                "",
                "Exit status: 0 success, 1 the data could not be read or used, 2 wrong usage; errors are one "
                        + "'error: ...' line on stderr and nothing on stdout.",
                "",
                "Example:",
                "  cdgm inspect data/pbmc --metadata cells.csv --metadata-id-column barcode \\",
                "      --condition-column condition --background control --top-genes 2000"})
public final class InspectCommand implements Callable<Integer> {
    /** How many gene names, cell names and values of the first cell the JSON shows. */
    static final int GENES_SHOWN = 20;
    static final int CELLS_SHOWN = 5;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

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

    @Option(names = "--min-cells-per-gene", paramLabel = "N",
            description = "Keep only genes with a non-zero count in at least N cells (default 0: keep all).")
    int minCellsPerGene;

    @Option(names = "--min-counts-per-cell", paramLabel = "N",
            description = "Keep only cells with at least N counts in total (default 0: keep all).")
    int minCountsPerCell;

    @Option(names = "--top-genes", paramLabel = "N",
            description = "Keep the N most highly variable genes (scanpy's seurat flavour; default 0: keep all).")
    int topGenes;

    @Override
    public Integer call() throws Exception {
        MatrixReadRequest request = request();
        PreparationSettings settings = settings();
        AnnotatedMatrix read = MatrixFiles.read(request);
        PreparedCells prepared = CellPreparation.prepare(read, settings);
        spec.commandLine().getOut().println(toJson(prepared));
        return 0;
    }

    /** What to read; contradictory CSV options are a usage error. */
    MatrixReadRequest request() {
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
    PreparationSettings settings() {
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
        requireNotNegative("--min-cells-per-gene", minCellsPerGene);
        requireNotNegative("--min-counts-per-cell", minCountsPerCell);
        requireNotNegative("--top-genes", topGenes);
        try {
            return new PreparationSettings(column, bg, tg.isEmpty() ? null : tg, minCellsPerGene, minCountsPerCell,
                    topGenes);
        } catch (InvalidInputException e) {
            throw Main.usageError(spec, e.getMessage());
        }
    }

    private void requireNotNegative(String option, int value) {
        if (value < 0) {
            throw Main.usageError(spec, option + " must be 0 or more, got " + value);
        }
    }

    /** The JSON object of the interface, keys in order. */
    static String toJson(PreparedCells prepared) throws JsonProcessingException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        AnnotatedMatrix data = prepared.data();
        CellMatrix m = data.matrix();
        ObjectNode root = f.objectNode();
        root.put("cells", m.cells());
        root.put("genes", m.genes());
        ArrayNode geneNames = root.putArray("gene_names");
        data.genes().stream().limit(GENES_SHOWN).forEach(geneNames::add);
        ArrayNode cellNames = root.putArray("cell_names");
        data.cellIds().stream().limit(CELLS_SHOWN).forEach(cellNames::add);
        root.set("total", number(CellPreparation.total(m)));
        ArrayNode first = root.putArray("first_cell_values");
        if (m.cells() > 0) {
            for (int j = 0; j < Math.min(GENES_SHOWN, m.genes()); j++) {
                first.add(number(m.get(0, j)));
            }
        }
        ObjectNode metadata = root.putObject("metadata");
        for (String column : data.metadata().columnNames()) {
            metadata.put(column, data.metadata().type(column).label());
        }
        root.set("background", count(prepared.background()));
        root.set("target", count(prepared.target()));
        root.put("dropped", prepared.dropped());
        ArrayNode warnings = root.putArray("warnings");
        prepared.warnings().forEach(warnings::add);
        return new ObjectMapper().writer(printer()).writeValueAsString(root);
    }

    /** A whole value (a count) as an integer, 12 rather than 12.0; any other as a decimal. */
    static JsonNode number(double v) {
        if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) <= 9.007199254740992E15) {
            return JsonNodeFactory.instance.numberNode((long) v);
        }
        return JsonNodeFactory.instance.numberNode(v);
    }

    private static JsonNode count(int n) {
        return n < 0 ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.numberNode(n);
    }

    /** Objects one key a line, arrays on one line: {@code "gene_names": ["A", "B"]}. */
    private static DefaultPrettyPrinter printer() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
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
