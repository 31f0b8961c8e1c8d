package org.cdgm.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.cdgm.engine.io.AtomicFiles;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.metrics.SampleSummary;

/**
 * What {@code cdgm experiment batches} found, as it grows (two fits per seed): fits.csv and summary.md, a table of
 * every score without and with the replicate covariate (mean ± sd over the seeds when there are several).
 */
final class BatchesReport {
    /** The covariate column's value of a fit without covariate. */
    static final String NONE = "none";
    static final List<String> FIT_COLUMNS = List.of("seed", "batch_covariate", "epochs_run", "best_epoch",
            "constraint_met", "final_lambda", "fit_seconds", "replicate_knn_shared", "replicate_knn_shared_chance",
            "replicate_knn_salient", "replicate_knn_salient_chance", "replicate_silhouette_shared",
            "replicate_silhouette_salient", "ifng_silhouette_salient");

    /**
     * One fit.
     *
     * @param covariate the batch covariate's column, or {@link #NONE}
     */
    record Fit(long seed, String covariate, int epochsRun, int bestEpoch, boolean constraintMet, double finalLambda,
               double seconds, ReplicateMixing scores) {
    }

    private final String description;
    private final String training;
    private final String command;
    private final String covariate;
    private final int allCells;
    private final int targetCells;
    private final List<Fit> fits = new ArrayList<>();

    /**
     * @param description the cells in words
     * @param training    the training in words
     * @param command     the command line that ran, for the record
     * @param covariate   the covariate's column, for the table's heading
     * @param allCells    background plus target cells (the shared-space scores' cells)
     * @param targetCells target cells (the salient-space scores' cells)
     */
    BatchesReport(String description, String training, String command, String covariate, int allCells,
                  int targetCells) {
        this.description = description;
        this.training = training;
        this.command = command;
        this.covariate = covariate;
        this.allCells = allCells;
        this.targetCells = targetCells;
    }

    void add(Fit fit) {
        fits.add(fit);
    }

    /** Writes fits.csv and summary.md (replacing them) and returns the markdown. */
    String write(Path out, double wallSeconds) throws IOException {
        CsvTable table = new CsvTable(FIT_COLUMNS);
        for (Fit f : fits) {
            ReplicateMixing s = f.scores();
            table.add(List.of(f.seed(), f.covariate(), f.epochsRun(), f.bestEpoch(), f.constraintMet() ? 1 : 0,
                    f.finalLambda(), String.format(Locale.ROOT, "%.1f", f.seconds()), s.knnShared(),
                    s.chanceShared(), s.knnSalient(), s.chanceSalient(), s.silhouetteShared(),
                    s.silhouetteSalient(), s.ifngSilhouetteSalient()));
        }
        table.write(out.resolve("fits.csv"));
        String md = markdown(wallSeconds);
        AtomicFiles.write(out.resolve("summary.md"), w -> w.write(md));
        return md;
    }

    String markdown(double wallSeconds) {
        List<Fit> without = fits.stream().filter(f -> f.covariate().equals(NONE)).toList();
        List<Fit> with = fits.stream().filter(f -> !f.covariate().equals(NONE)).toList();
        StringBuilder b = new StringBuilder("# Replicates in the latent spaces, without and with the batch "
                + "covariate\n\n");
        b.append(description).append(".\n\n");
        b.append("Training: ").append(training).append(".\n\n");
        b.append("Command: `").append(command).append("`\n\n");
        long seeds = fits.stream().mapToLong(Fit::seed).distinct().count();
        b.append(String.format(Locale.ROOT, "%d %s per column%s. Replicate kNN accuracy: a cell's replicate "
                + "predicted from its %d nearest neighbours (mean over %d hold-out splits of 30%%); chance = always "
                + "guessing the most common replicate. Silhouette: near 0 when the replicates are mixed, higher when "
                + "they form separate groups (%,d cells drawn, seed %d). A space free of replicate structure has an "
                + "accuracy at chance and a silhouette near 0. The IFN-γ pathway silhouette (knockouts of IFNGR1, "
                + "IFNGR2, JAK2, STAT1, IRF1 against the other knockouts; at most %,d cells) is the biology that "
                + "should stay.%n%n", seeds, seeds == 1 ? "fit" : "fits (seeds 1.." + seeds + ", mean ± sd)",
                seeds == 1 ? " (seed 1)" : "", ReplicateMixing.K, ReplicateMixing.SPLITS,
                ReplicateMixing.SILHOUETTE_CELLS, ReplicateMixing.SILHOUETTE_SEED,
                ReplicateMixing.IFNG_SILHOUETTE_CELLS));
        b.append("| score | space (cells) | without covariate | with ").append(covariate)
                .append(" as covariate | chance |\n|---|---|---|---|---|\n");
        String all = String.format(Locale.ROOT, "shared (all %,d)", allCells);
        String target = String.format(Locale.ROOT, "salient (target %,d)", targetCells);
        row(b, "replicate 15-NN accuracy", all, without, with, ReplicateMixing::knnShared,
                String.format(Locale.ROOT, "%.3f", chance(ReplicateMixing::chanceShared)));
        row(b, "replicate 15-NN accuracy", target, without, with, ReplicateMixing::knnSalient,
                String.format(Locale.ROOT, "%.3f", chance(ReplicateMixing::chanceSalient)));
        row(b, "replicate silhouette", all, without, with, ReplicateMixing::silhouetteShared, "≈ 0");
        row(b, "replicate silhouette", target, without, with, ReplicateMixing::silhouetteSalient, "≈ 0");
        row(b, "IFN-γ pathway silhouette", target, without, with, ReplicateMixing::ifngSilhouetteSalient, "≈ 0");
        b.append("\n| fit | seed | epochs run (best) | constraint met | final lambda | minutes |\n|---|---|---|---|---|"
                + "---|\n");
        for (Fit f : fits) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d (%d) | %s | %.3f | %.1f |%n",
                    f.covariate().equals(NONE) ? "without covariate" : "with " + f.covariate(), f.seed(),
                    f.epochsRun(), f.bestEpoch(), f.constraintMet() ? "yes" : "no", f.finalLambda(),
                    f.seconds() / 60));
        }
        b.append(String.format(Locale.ROOT, "%nWall time: %.0f s.%n", wallSeconds));
        return b.toString();
    }

    /** The chance level of the fits (the same cells in every fit, so the same value). */
    private double chance(ToDoubleFunction<ReplicateMixing> score) {
        return fits.isEmpty() ? Double.NaN : score.applyAsDouble(fits.get(0).scores());
    }

    private static void row(StringBuilder b, String name, String space, List<Fit> without, List<Fit> with,
                            ToDoubleFunction<ReplicateMixing> score, String chance) {
        b.append("| ").append(name).append(" | ").append(space).append(" | ").append(cell(without, score))
                .append(" | ").append(cell(with, score)).append(" | ").append(chance).append(" |\n");
    }

    /** The value of one fit, mean ± sd of several, "–" of none (yet). */
    static String cell(List<Fit> fits, ToDoubleFunction<ReplicateMixing> score) {
        double[] v = fits.stream().mapToDouble(f -> score.applyAsDouble(f.scores())).toArray();
        if (v.length == 0) {
            return "–";
        }
        if (v.length == 1) {
            return String.format(Locale.ROOT, "%.3f", v[0]);
        }
        return String.format(Locale.ROOT, "%.3f ± %.3f", SampleSummary.mean(v), SampleSummary.sd(v));
    }
}
