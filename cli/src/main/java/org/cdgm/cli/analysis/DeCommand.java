package org.cdgm.cli.analysis;

import java.io.IOException;
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
        header = "Which genes the target cells (or each group of them) change against their background-like selves.",
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
                + "the same way), expression and expression_background (counts per 10,000; the data's units for "
                + "Gaussian data)",
                "model.cdgm   the fitted model (not with --model)",
                "",
                "Exit status: 0 success, 1 the data could not be read, used or fitted, 2 wrong usage.",
                "",
                "Example:",
                "  cdgm de data/screen --metadata cells.csv \\",
                "      --metadata-id-column barcode --condition-column condition \\",
                "      --background background --group-column grna_target \\",
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
            description = "The smallest log2 fold change that counts as a change (default 0.25, a 19%% change).")
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

    @Option(names = "--min-cells", paramLabel = "N",
            description = "Groups with fewer target cells are left out with a warning, or refused when named in "
                    + "--groups (default 10; at least 2): a few cells give overconfident answers.")
    int minCells = 10;

    private DifferentialExpression.Settings settings;
    private final List<String> groupWarnings = new java.util.ArrayList<>();

    @Override
    void checkOptions() {
        if (groupColumn == null && !groups.isEmpty()) {
            throw Main.usageError(spec, "--groups needs --group-column");
        }
        if (minCells < 2) {
            throw Main.usageError(spec, "--min-cells must be at least 2, got " + minCells);
        }
        try {
            settings = new DifferentialExpression.Settings(delta, fdr, draws, cellsPerDraw, fit.seed());
        } catch (InvalidInputException e) {
            throw Main.usageError(spec, optionNames(e.getMessage()));
        }
    }

    /** The engine's names of the differential-expression settings replaced by the command line's options. */
    static String optionNames(String message) {
        return message.replace("The smallest change (delta)", "--delta")
                .replace("The false discovery rate", "--fdr").replace("Posterior draws", "--draws")
                .replace("Cells per draw", "--cells-per-draw")
                .replace("The number of permutations", "--permutations")
                .replace("The maximum cells per test", "--max-cells")
                .replace("The minimum cells per label", "--min-cells");
    }

    @Override
    void checkData(PreparedCells prepared) {
        String[] values = groupColumn == null ? null
                : column(prepared, "--group-column", groupColumn, Condition.TARGET);
        groupsOf(values, prepared.target());
    }

    @Override
    boolean batchColumnIsStrata() {
        return false;
    }

    /**
     * Group name -> indices of its target cells, in the order asked for (or of first appearance); groups below
     * --min-cells are left out (a warning) or, when asked for by name, refused.
     */
    private Map<String, int[]> groupsOf(String[] values, int targetCells) {
        Map<String, int[]> out = new LinkedHashMap<>();
        groupWarnings.clear();
        if (groupColumn == null) {
            out.put("target", java.util.stream.IntStream.range(0, targetCells).toArray());
            return out;
        }
        Map<String, Integer> present = new LinkedHashMap<>();
        int missing = 0;
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                present.merge(v, 1, Integer::sum);
            } else {
                missing++;
            }
        }
        if (present.isEmpty()) {
            throw new InvalidInputException("--group-column " + groupColumn + " has no value for any target cell");
        }
        if (missing > 0) {
            groupWarnings.add(missing + " target cell" + (missing == 1 ? " has" : "s have") + " no value in "
                    + groupColumn + " and belong" + (missing == 1 ? "s" : "") + " to no group");
        }
        List<String> small = new java.util.ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        groups.forEach(g -> wanted.add(g.strip()));
        for (String g : wanted.isEmpty() ? present.keySet() : wanted) {
            Integer n = present.get(g);
            if (n == null) {
                throw new InvalidInputException("No target cell has '" + g + "' in column '" + groupColumn
                        + "'; its values among the target cells: " + String.join(", ", present.keySet()));
            }
            if (n < minCells) {
                if (!wanted.isEmpty()) {
                    throw new InvalidInputException("Group '" + g + "' has " + n + " target cell" + (n == 1 ? "" : "s")
                            + ", fewer than --min-cells " + minCells + ": a few cells give overconfident answers");
                }
                small.add(g + " (" + n + ")");
                continue;
            }
            out.put(g, EffectsCommand.indicesOf(values, g));
        }
        if (!small.isEmpty()) {
            groupWarnings.add("left out " + small.size() + " group" + (small.size() == 1 ? "" : "s") + " with fewer "
                    + "than " + minCells + " cells (--min-cells): " + String.join(", ", small));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("No group of --group-column " + groupColumn + " has at least " + minCells
                    + " target cells (--min-cells)");
        }
        return out;
    }

    @Override
    void analyse(Encoded e) throws IOException {
        String[] values = groupColumn == null ? null
                : column(e.prepared(), "--group-column", groupColumn, Condition.TARGET);
        Map<String, List<DifferentialExpression.GeneEffect>> table = new LinkedHashMap<>();
        Map<String, Integer> cells = new LinkedHashMap<>();
        Map<String, int[]> byGroup = groupsOf(values, e.data().target().cells());
        groupWarnings.forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        for (Map.Entry<String, int[]> g : byGroup.entrySet()) {
            table.put(g.getKey(), DifferentialExpression.salientEffect(e.model(), e.target(), e.targetBatches(), g.getValue(),
                    settings));
            cells.put(g.getKey(), g.getValue().length);
        }
        DeTable.write(table, cells, out.resolve("de.csv"));
        var stdout = spec.commandLine().getOut();
        for (Map.Entry<String, List<DifferentialExpression.GeneEffect>> g : table.entrySet()) {
            long called = g.getValue().stream().filter(DifferentialExpression.GeneEffect::isDe).count();
            String top = DeTable.top(g.getValue(), 5);
            int n = cells.get(g.getKey());
            stdout.printf(java.util.Locale.ROOT, "%s (%d cell%s): %d gene%s called%s%n", g.getKey(), n,
                    n == 1 ? "" : "s", called, called == 1 ? "" : "s", top.isEmpty() ? "" : "; top: " + top);
        }
        stdout.flush();
        spec.commandLine().getErr().println("wrote " + out.resolve("de.csv"));
    }
}
