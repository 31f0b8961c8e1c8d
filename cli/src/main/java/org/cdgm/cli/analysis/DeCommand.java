package org.cdgm.cli.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cdgm.cli.Main;
import org.cdgm.engine.analysis.DifferentialExpression;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.preprocess.PreparedCells;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cdgm de}: differential expression of target cells against their background-like selves, per group
 * ({@link DifferentialExpression}).
 */
@Command(name = "de",
        header = "Which genes the target cells (or each group of them) express differently from background cells.",
        description = {"Read and prepare the cells as 'cdgm fit' does, fit a contrastive VAE (or load one with "
                + "--model), and for the target cells, or each group of them named by --group-column, compare the "
                + "group's expression as the model reconstructs it with the same cells decoded without their "
                + "salient codes (what they would look like as background cells). Per gene: the log2 fold change of "
                + "the group's mean and the posterior probability that it changes by more than --delta, over draws "
                + "from the posterior of resampled cells, in the spirit of scVI's differential expression (Boyeau et "
                + "al. 2019, 'change' mode), and the share of single cells that follow the change."},
        sortOptions = false,
        sortSynopsis = false,
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nOutput (in --out):%n",
        footer = {"de.csv       per group and gene (most likely changed first): group, rank, gene, cells, "
                + "salient_lfc (log2 fold change of the group's mean; a difference for Gaussian data), lfc_sd (its "
                + "spread over the draws), proba_up, proba_down, proba_de (probability of a change larger than "
                + "--delta), bayes_factor (log odds of a change; above 3 is strong), is_de (1 = called at --fdr "
                + "posterior false discovery rate), cells_changed (share of single cells changed more than --delta "
                + "the same way), expression and expression_background (counts per 10,000)",
                "model.cdgm   the fitted model (not with --model)",
                "",
                "Example:",
                "  cdgm de data/screen --metadata cells.csv --metadata-id-column barcode \\",
                "      --condition-column condition --background background --group-column grna_target \\",
                "      --groups JAK2,IFNGR1 --epsilon 0.3 --out de1"})
public final class DeCommand extends AnalysisCommand {
    @Option(names = "--group-column", paramLabel = "COL",
            description = "A cell metadata column whose values group the target cells (e.g. a knockout per "
                    + "group); without it all target cells are one group, named 'target'.")
    String groupColumn;

    @Option(names = "--groups", paramLabel = "VALUE", split = ",",
            description = "With --group-column: only these comma-separated values (default: every value).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--delta", paramLabel = "X",
            description = "The smallest log2 fold change that counts as a change (default 0.25, a 19% change).")
    double delta = DifferentialExpression.Settings.defaults().delta();

    @Option(names = "--fdr", paramLabel = "X",
            description = "The posterior expected false discovery rate of the genes called (is_de), default 0.05.")
    double fdr = DifferentialExpression.Settings.defaults().fdr();

    @Option(names = "--draws", paramLabel = "N",
            description = "Posterior draws per group (default 100), each from a resample of the group's cells: "
                    + "more draws give steadier probabilities.")
    int draws = DifferentialExpression.Settings.defaults().draws();

    @Option(names = "--cells-per-draw", paramLabel = "N",
            description = "Cells resampled per draw (default 200; fewer when the group is smaller).")
    int cellsPerDraw = DifferentialExpression.Settings.defaults().cellsPerDraw();

    private DifferentialExpression.Settings settings;

    @Override
    void checkOptions() {
        if (groupColumn == null && !groups.isEmpty()) {
            throw Main.usageError(spec, "--groups needs --group-column");
        }
        try {
            settings = new DifferentialExpression.Settings(delta, fdr, draws, cellsPerDraw, fit.seed());
        } catch (InvalidInputException e) {
            throw Main.usageError(spec, e.getMessage() + " (--delta, --fdr, --draws, --cells-per-draw)");
        }
    }

    @Override
    void checkData(PreparedCells prepared) {
        if (groupColumn != null) {
            groupsOf(prepared.column(groupColumn, Condition.TARGET));
        }
    }

    /** Group name -> indices of its target cells, in the order asked for (or of first appearance). */
    private Map<String, int[]> groupsOf(String[] values) {
        Map<String, int[]> out = new LinkedHashMap<>();
        if (groupColumn == null) {
            out.put("target", java.util.stream.IntStream.range(0, values.length).toArray());
            return out;
        }
        Set<String> present = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                present.add(v);
            }
        }
        Set<String> wanted = groups.isEmpty() ? present : new LinkedHashSet<>(groups);
        for (String g : wanted) {
            if (!present.contains(g)) {
                throw new InvalidInputException("No target cell has '" + g + "' in column '" + groupColumn
                        + "'; its values among the target cells: " + String.join(", ", present));
            }
            out.put(g, EffectsCommand.indicesOf(values, g));
        }
        return out;
    }

    @Override
    void analyse(Encoded e) throws IOException {
        String[] values = groupColumn == null ? new String[e.data().target().cells()]
                : e.prepared().column(groupColumn, Condition.TARGET);
        Map<String, List<DifferentialExpression.GeneEffect>> table = new LinkedHashMap<>();
        Map<String, Integer> cells = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> g : groupsOf(values).entrySet()) {
            table.put(g.getKey(), DifferentialExpression.salientEffect(e.model(), e.target(), e.targetBatches(), g.getValue(),
                    settings));
            cells.put(g.getKey(), g.getValue().length);
        }
        Files.createDirectories(out);
        DeTable.write(table, cells, out.resolve("de.csv"));
        var stdout = spec.commandLine().getOut();
        for (Map.Entry<String, List<DifferentialExpression.GeneEffect>> g : table.entrySet()) {
            long called = g.getValue().stream().filter(DifferentialExpression.GeneEffect::isDe).count();
            stdout.printf(java.util.Locale.ROOT, "%s (%d cells): %d genes called; top: %s%n", g.getKey(),
                    cells.get(g.getKey()), called, DeTable.top(g.getValue(), 5));
        }
        stdout.flush();
        spec.commandLine().getErr().println("wrote " + out.resolve("de.csv"));
    }
}
