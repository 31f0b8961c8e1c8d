package org.cdgm.cli.analysis;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cdgm.cli.Main;
import org.cdgm.engine.analysis.DifferentialExpression;
import org.cdgm.engine.analysis.PcaBaseline;
import org.cdgm.engine.analysis.PerturbationEffects;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.AtomicFiles;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.plot.EffectsPlot;
import org.cdgm.engine.plot.PlotSize;
import org.cdgm.engine.preprocess.PreparedCells;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cdgm effects}: which perturbations have an effect. Per label of the target cells (a guide target, drug,
 * dose), the energy distance of its cells from the background cells in the salient and in the shared space, with
 * a permutation p-value and Benjamini-Hochberg correction per space ({@link PerturbationEffects}), and the label's
 * salient genes ({@link DifferentialExpression}).
 */
@Command(name = "effects",
        header = "Rank perturbations by their effect in the salient space, with p-values and each one's genes.",
        description = {"Read and prepare the cells as 'cdgm fit' does, fit a contrastive VAE (or load one with "
                + "--model), and for each value of --label-column among the target cells (e.g. each knockout) test "
                + "whether its cells differ from the background cells: the energy distance (Szekely & Rizzo; the "
                + "E-statistic of scPerturb) between the two groups in the salient space, where a real effect "
                + "should show, and in the shared space, where it should not; p-values from label permutations "
                + "(within each batch with --batch-column), adjusted for the number of labels (Benjamini-Hochberg). "
                + "Then, per label, which genes its salient effect changes (as 'cdgm de')."},
        sortOptions = false,
        sortSynopsis = false,
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nOutput (in --out):%n",
        footer = {"effects.csv   one row per label, largest salient effect first: label, cells, salient_distance, "
                + "salient_p, salient_p_adj, shared_distance, shared_p, shared_p_adj, salient_h and shared_h (each distance "
                + "over twice the mean distance between the label's and the background cells: 0 to 1 whatever "
                + "the space's scale, so the two spaces compare), significant (salient_p_adj < 0.05), top_genes (up to 5 genes called changed, most likely first, + up and - down)",
                "genes.csv     per label and gene (most likely changed first), as 'cdgm de' writes them: "
                        + "salient_lfc (log2 fold change of the label's cells against themselves without their "
                        + "salient codes), lfc_sd, proba_up, proba_down, proba_de (probability of a change larger "
                        + "than --delta), bayes_factor (log odds of a change), is_de (called at 5%% posterior FDR), "
                        + "cells_changed, expression and expression_background (counts per 10,000)",
                "effects.png   the table as a bar chart",
                "effects-baseline.csv  with --baseline: the same test in the first 20 principal components of "
                        + "the log-normalised counts (no model; fewer components with fewer genes), for comparison",
                "model.cdgm    the fitted model (not with --model)",
                "",
                "A label with fewer than --min-cells cells is left out with a warning. Exit status: 0 success, 1 "
                        + "the data could not be read, used or fitted, 2 wrong usage.",
                "",
                "Example:",
                "  cdgm effects data/screen --metadata cells.csv \\",
                "      --metadata-id-column barcode --condition-column condition \\",
                "      --background background --label-column grna_target \\",
                "      --batch-column bio_rep --epsilon 0.3 --out effects1"})
public final class EffectsCommand extends AnalysisCommand {
    static final double LEVEL = 0.05;
    private static final int TOP_GENES = 5;
    /** Principal components of the baseline, as the plain baseline (fewer when there are fewer genes). */
    private static final int BASELINE_COMPONENTS = 20;

    @Option(names = "--label-column", paramLabel = "COL", required = true,
            description = "The cell metadata column naming each target cell's perturbation (e.g. grna_target).")
    String labelColumn;

    @Option(names = "--permutations", paramLabel = "N",
            description = "Label permutations per test (default 1000; the smallest p-value is 1/(N+1)).")
    int permutations = PerturbationEffects.Settings.defaults().permutations();

    @Option(names = "--max-cells", paramLabel = "N",
            description = "Test at most N cells of a label and N background cells (a random subset; default 500), "
                    + "which bounds the time: the test compares every pair of cells.")
    int maxCells = PerturbationEffects.Settings.defaults().maxCells();

    @Option(names = "--min-cells", paramLabel = "N",
            description = "Leave out labels with fewer than N target cells (default 10).")
    int minCells = PerturbationEffects.Settings.defaults().minCells();

    @Option(names = "--delta", paramLabel = "X",
            description = "Genes: the smallest log2 fold change that counts as a change (default 0.25).")
    double delta = DifferentialExpression.Settings.defaults().delta();

    @Option(names = "--baseline",
            description = "Also run the test without a model, in the first 20 principal components of the "
                    + "log-normalised counts (genes centred per batch with --batch-column): effects-baseline.csv.")
    boolean baseline;

    private PerturbationEffects.Settings effectSettings;
    private DifferentialExpression.Settings deSettings;

    @Override
    void checkOptions() {
        try {
            effectSettings = new PerturbationEffects.Settings(permutations, maxCells, minCells, fit.seed());
            DifferentialExpression.Settings d = DifferentialExpression.Settings.defaults();
            deSettings = new DifferentialExpression.Settings(delta, d.fdr(), d.draws(), d.cellsPerDraw(),
                    fit.seed());
        } catch (IllegalArgumentException e) {
            throw Main.usageError(spec, DeCommand.optionNames(e.getMessage()));
        }
    }

    @Override
    void checkData(PreparedCells prepared) {
        // an unknown column, or no label large enough, fails here, before any fit
        String[] labels = column(prepared, "--label-column", labelColumn, Condition.TARGET);
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (String l : labels) {
            if (l != null && !l.isBlank()) {
                counts.merge(l, 1, Integer::sum);
            }
        }
        if (counts.values().stream().noneMatch(n -> n >= minCells)) {
            throw new InvalidInputException("--label-column " + labelColumn + ": no label has at least " + minCells
                    + " target cells (--min-cells)" + (counts.isEmpty() ? "; every target cell's label is missing"
                    : "; the largest has " + counts.values().stream().mapToInt(Integer::intValue).max().orElse(0)));
        }
        if (baseline) {
            var decision = org.cdgm.engine.model.LikelihoodChoice.AUTO.resolve(prepared.dataset());
            if (!decision.likelihood().isCount()) {
                throw Main.usageError(spec, "--baseline log-normalises counts, and these values are not counts: "
                        + decision.reason());
            }
        }
    }

    @Override
    void analyse(Encoded e) throws IOException {
        var err = spec.commandLine().getErr();
        String[] labels = column(e.prepared(), "--label-column", labelColumn, Condition.TARGET);
        String[] bgStrata = strata(e, Condition.BACKGROUND);
        String[] tgStrata = strata(e, Condition.TARGET);
        err.println("testing each " + labelColumn + " against the background cells (" + permutations
                + " permutations)");
        PerturbationEffects.Result result = PerturbationEffects.compute(e.background().sharedMean(),
                e.background().salientMean(), bgStrata, e.target().sharedMean(), e.target().salientMean(), labels,
                tgStrata, effectSettings,
                done -> err.println("tested " + done + " label" + (done == 1 ? "" : "s")));
        result.warnings().forEach(w -> err.println("warning: " + w));
        Map<String, List<DifferentialExpression.GeneEffect>> genes = new LinkedHashMap<>();
        for (PerturbationEffects.LabelEffect effect : result.effects()) {
            genes.put(effect.label(), DifferentialExpression.salientEffect(e.model(), e.target(), e.targetBatches(),
                    indicesOf(labels, effect.label()), deSettings));
        }
        writeEffects(result.effects(), genes, out.resolve("effects.csv"));
        DeTable.write("label", genes, null, out.resolve("genes.csv"));
        byte[] png = EffectsPlot.render(result.effects(), LEVEL, new PlotSize(900, Math.max(400,
                120 + 28 * result.effects().size())));
        AtomicFiles.writeBytes(out.resolve("effects.png"), o -> o.write(png));
        if (baseline) {
            writeBaseline(e.prepared(), labels, bgStrata, tgStrata);
        }
        print(result.effects(), genes, spec.commandLine().getOut());
        err.println("wrote " + out.resolve("effects.csv") + ", genes.csv, effects.png" + (baseline
                ? ", effects-baseline.csv" : ""));
    }

    static int[] indicesOf(String[] labels, String label) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> label.equals(labels[i])).toArray();
    }

    private static String topGenes(List<DifferentialExpression.GeneEffect> genes) {
        return DeTable.top(genes, TOP_GENES);
    }

    private static void writeEffects(List<PerturbationEffects.LabelEffect> effects,
                                     Map<String, List<DifferentialExpression.GeneEffect>> genes,
                                     java.nio.file.Path file) throws IOException {
        CsvTable t = new CsvTable(List.of("label", "cells", "salient_distance", "salient_p", "salient_p_adj",
                "shared_distance", "shared_p", "shared_p_adj", "salient_h", "shared_h", "significant", "top_genes"));
        for (PerturbationEffects.LabelEffect x : effects) {
            t.add(List.of(x.label(), x.cells(), x.salientDistance(), x.salientP(), x.salientPAdj(),
                    x.sharedDistance(), x.sharedP(), x.sharedPAdj(), x.salientCoefficient(), x.sharedCoefficient(),
                    x.salientPAdj() < LEVEL ? 1 : 0,
                    topGenes(genes.get(x.label()))));
        }
        t.write(file);
    }

    private void writeBaseline(PreparedCells prepared, String[] labels, String[] bgStrata, String[] tgStrata)
            throws IOException {
        var err = spec.commandLine().getErr();
        err.println("baseline: the same test in the first principal components of the log-normalised counts");
        // one PCA over every kept cell (file order), as the baseline is defined, then split by condition in the
        // order of the data sets
        String[] batches = prepared.batch() == null ? null
                : prepared.data().metadata().column(prepared.batch().column()).toArray(new String[0]);
        int components = Math.min(BASELINE_COMPONENTS, prepared.data().genes().size());
        double[][] all = PcaBaseline.logNormalisedComponents(prepared.data().matrix(), components, batches);
        List<double[]> bgRows = new ArrayList<>();
        List<double[]> tgRows = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            (prepared.conditions()[i] == Condition.BACKGROUND ? bgRows : tgRows).add(all[i]);
        }
        double[][] bg = bgRows.toArray(new double[0][]);
        double[][] tg = tgRows.toArray(new double[0][]);
        PerturbationEffects.Result r = PerturbationEffects.compute(bg, bg, bgStrata, tg, tg, labels, tgStrata,
                effectSettings, null);
        CsvTable t = new CsvTable(List.of("label", "cells", "distance", "p", "p_adj", "h", "significant"));
        for (PerturbationEffects.LabelEffect x : r.effects()) {
            t.add(List.of(x.label(), x.cells(), x.salientDistance(), x.salientP(), x.salientPAdj(),
                    x.salientCoefficient(), x.salientPAdj() < LEVEL ? 1 : 0));
        }
        t.write(out.resolve("effects-baseline.csv"));
    }

    private static void print(List<PerturbationEffects.LabelEffect> effects,
                              Map<String, List<DifferentialExpression.GeneEffect>> genes, PrintWriter out) {
        out.printf(Locale.ROOT, "%-16s %6s %9s %9s %7s %9s %9s %7s  %s%n", "label", "cells", "salient", "p_adj", "H",
                "shared", "p_adj", "H", "top genes");
        for (PerturbationEffects.LabelEffect x : effects) {
            out.printf(Locale.ROOT, "%-16s %6d %9.4f %9.3g %7.3f %9.4f %9.3g %7.3f  %s%n", x.label(), x.cells(),
                    x.salientDistance(), x.salientPAdj(), x.salientCoefficient(), x.sharedDistance(), x.sharedPAdj(),
                    x.sharedCoefficient(), topGenes(genes.get(x.label())));
        }
        out.flush();
    }
}
