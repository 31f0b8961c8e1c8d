package org.cdgm.cli.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cdgm.engine.analysis.GeneLoadings;
import org.cdgm.engine.analysis.SalientExpression;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.model.Posterior;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.engine.preprocess.PreparedCells;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cdgm genes}: the salient gene programs ({@link GeneLoadings}) and, on request, each cell's normalised
 * expression with and without its salient variation ({@link SalientExpression}).
 */
@Command(name = "genes",
        header = "Which genes each salient dimension moves, and the cells' expression with and without it.",
        description = {"Read and prepare the cells as 'cdgm fit' does, fit a contrastive VAE (or load one with "
                + "--model), and for each salient dimension rank the genes by how much the decoded expression "
                + "changes along it over the target cells (a loading: log2 fold change per standard deviation of "
                + "the dimension, averaged over the cells and over draws from the posterior). With "
                + "--expression-genes, also write each cell's expression as the model reconstructs it and without "
                + "its salient code (what it would look like as a background cell)."},
        sortOptions = false,
        sortSynopsis = false,
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nOutput (in --out):%n",
        footer = {"loadings.csv    per salient dimension and gene (largest |loading| first): dimension, rank, gene, "
                + "loading (log2 fold change per standard deviation of the dimension; data units for Gaussian "
                + "data), loading_sd (its spread over posterior draws: a loading smaller than about twice it is "
                + "not reliable), dimension_sd",
                "expression.csv  with --expression-genes: cell, condition, then per gene G: G (the reconstruction, "
                        + "counts per 10,000), G_background (without the salient code) and G_lfc (their log2 "
                        + "fold change; difference for Gaussian data)",
                "model.cdgm      the fitted model (not with --model)",
                "",
                "Exit status: 0 success, 1 the data could not be read, used or fitted, 2 wrong usage.",
                "",
                "Example:",
                "  cdgm genes data/screen --metadata cells.csv \\",
                "      --metadata-id-column barcode --condition-column condition \\",
                "      --background background --epsilon 0.3 \\",
                "      --expression-genes PSMB9,STAT1 --out genes1"})
public final class GenesCommand extends AnalysisCommand {
    @Option(names = "--expression-genes", paramLabel = "GENES", split = ",",
            description = "Comma-separated gene names whose per-cell expression to write (expression.csv), or "
                    + "'all' (large: three columns per gene and one row per cell).")
    List<String> expressionGenes = new ArrayList<>();

    @Option(names = "--draws", paramLabel = "N",
            description = "Posterior draws for the loadings' uncertainty (default 5; 1 = at the posterior means "
                    + "only, loading_sd then empty).")
    int draws = GeneLoadings.Settings.defaults().draws();

    @Override
    void checkOptions() {
        try {
            new GeneLoadings.Settings(draws, GeneLoadings.Settings.defaults().maxCells(), fit.seed());
        } catch (InvalidInputException e) {
            throw org.cdgm.cli.Main.usageError(spec, e.getMessage() + " (--draws)");
        }
    }

    @Override
    boolean batchColumnIsStrata() {
        return false;
    }

    /** Indices of --expression-genes in the model's genes, checked before anything is fitted or written. */
    private int[] expression;

    @Override
    void checkModel(TrainedModel loaded, PreparedCells prepared) {
        expression = expressionGenes.isEmpty() ? null
                : geneIndices(loaded != null ? loaded.genes() : prepared.data().genes());
    }

    @Override
    void analyse(Encoded e) throws IOException {
        GeneLoadings.Result loadings = GeneLoadings.compute(e.model(), e.target(), e.targetBatches(),
                new GeneLoadings.Settings(draws, GeneLoadings.Settings.defaults().maxCells(), fit.seed()));
        CsvTable t = new CsvTable(List.of("dimension", "rank", "gene", "loading", "loading_sd", "dimension_sd"));
        var stdout = spec.commandLine().getOut();
        for (int k = 0; k < loadings.dimensions(); k++) {
            int rank = 1;
            List<String> top = new ArrayList<>();
            for (GeneLoadings.Loading l : loadings.ranked(k)) {
                t.add(List.of("salient_" + l.dimension(), rank, l.gene(), l.loading(), l.sd(),
                        loadings.dimensionSd()[k]));
                if (rank++ <= 5) {
                    top.add(String.format(Locale.ROOT, "%s %+.2f", l.gene(), l.loading()));
                }
            }
            stdout.println("salient_" + (k + 1) + ": " + String.join(", ", top));
        }
        stdout.flush();
        t.write(out.resolve("loadings.csv"));
        String wrote = "loadings.csv";
        if (expression != null) {
            writeExpression(e, expression);
            wrote += ", expression.csv";
        }
        spec.commandLine().getErr().println("wrote " + wrote + " in " + out);
    }

    private int[] geneIndices(List<String> genes) {
        Set<String> wanted = new LinkedHashSet<>();
        expressionGenes.forEach(g -> wanted.add(g.strip()));
        wanted.remove("");
        if (wanted.isEmpty()) {
            throw org.cdgm.cli.Main.usageError(spec, "--expression-genes needs gene names or 'all'");
        }
        if (wanted.stream().anyMatch(g -> g.equalsIgnoreCase("all"))) {
            if (wanted.size() > 1) {
                throw org.cdgm.cli.Main.usageError(spec, "--expression-genes: 'all' already takes every gene; give "
                        + "it alone");
            }
            return java.util.stream.IntStream.range(0, genes.size()).toArray();
        }
        int[] out = new int[wanted.size()];
        int i = 0;
        for (String g : wanted) {
            int at = genes.indexOf(g);
            if (at < 0) {
                throw new InvalidInputException("--expression-genes: the model has no gene '" + g + "' (it has "
                        + genes.size() + " genes, e.g. " + String.join(", ", genes.subList(0, Math.min(5,
                        genes.size()))) + ")");
            }
            out[i++] = at;
        }
        return out;
    }

    private void writeExpression(Encoded e, int[] genes) throws IOException {
        List<String> header = new ArrayList<>(List.of("cell", "condition"));
        for (int g : genes) {
            String name = e.model().genes().get(g);
            header.addAll(List.of(name, name + "_background", name + "_lfc"));
        }
        CsvTable t = new CsvTable(header);
        for (CellSet set : List.of(e.data().background(), e.data().target())) {
            boolean background = set == e.data().background();
            Posterior q = background ? e.background() : e.target();
            int[] codes = background ? e.backgroundBatches() : e.targetBatches();
            for (int start = 0; start < set.cells(); start += 4096) {
                int[] cells = java.util.stream.IntStream.range(start, Math.min(set.cells(), start + 4096)).toArray();
                SalientExpression.Result r = SalientExpression.compute(e.model(), q, codes, cells, genes);
                for (int i = 0; i < cells.length; i++) {
                    List<Object> row = new ArrayList<>(List.of(set.cellIds().get(cells[i]),
                            set.condition().name().toLowerCase(Locale.ROOT)));
                    for (int j = 0; j < genes.length; j++) {
                        row.add(r.full()[i][j]);
                        row.add(r.backgroundOnly()[i][j]);
                        row.add(r.effect()[i][j]);
                    }
                    t.add(row);
                }
            }
        }
        t.write(out.resolve("expression.csv"));
    }
}
