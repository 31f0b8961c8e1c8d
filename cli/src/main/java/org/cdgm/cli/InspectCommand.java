package org.cdgm.cli;

import java.util.concurrent.Callable;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.CellMatrix;
import org.cdgm.engine.io.MatrixFiles;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() throws Exception {
        MatrixReadRequest request = read.request(spec);
        PreparationSettings settings = read.settings(spec);
        PreparedCells prepared = CellPreparation.prepare(MatrixFiles.read(request), settings);
        spec.commandLine().getOut().println(toJson(prepared));
        return 0;
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
}
