package org.cdgm.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cdgm.engine.io.AtomicFiles;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.metrics.SampleSummary;

/**
 * What {@code cdgm experiment stability} found, as it grows (one {@link Row} per data set and mode): fits.csv,
 * stability.csv and stability.md.
 */
final class StabilityReport {
    /** Every score column of fits.csv, whatever data sets ran, so that the file's columns never change. */
    static final List<String> SCORE_COLUMNS;
    static final List<String> FIT_COLUMNS;
    static final List<String> STABILITY_COLUMNS = List.of("dataset", "mode", "shared_mcc", "salient_mcc", "shared_r2",
            "salient_r2", "chosen_seed", "seeds", "wall_seconds", "shared_svcca", "salient_svcca", "shared_effective_dim",
            "salient_effective_dim");

    static {
        // papalexi-small's extra scores last, so that the columns of the other data sets keep their places
        java.util.Set<String> scores = new java.util.LinkedHashSet<>(SimulationData.SCORES);
        scores.addAll(PapalexiData.SCORES);
        scores.addAll(PapalexiData.SMALL_SCORES);
        SCORE_COLUMNS = List.copyOf(scores);
        List<String> fits = new ArrayList<>(List.of("dataset", "mode", "seed", "chosen", "best_epoch", "epochs_run",
                "held_out_loss", "final_lambda"));
        fits.addAll(SCORE_COLUMNS);
        FIT_COLUMNS = List.copyOf(fits);
    }

    /** Readable column titles of the markdown tables. */
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("shared_mcc", "shared MCC"), Map.entry("salient_mcc", "salient MCC"),
            Map.entry("shared_mcc_aligned", "shared MCC aligned"), Map.entry("salient_mcc_aligned",
                    "salient MCC aligned"), Map.entry("salient_leakage_linear", "salient leakage"),
            Map.entry("shared_leakage_linear", "shared leakage"),
            Map.entry("ifng_silhouette_salient", "IFN-γ silhouette (salient)"),
            Map.entry("ifng_silhouette_shared", "IFN-γ silhouette (shared)"),
            Map.entry("ifng_knn_accuracy_salient", "IFN-γ kNN accuracy (salient)"),
            Map.entry("ifng_knn_accuracy_shared", "IFN-γ kNN accuracy (shared)"),
            Map.entry("knockout_knn_accuracy_salient", "knockout kNN accuracy (salient)"),
            Map.entry("knockout_knn_accuracy_shared", "knockout kNN accuracy (shared)"));

    /** One seed's fit: the chosen flag, its training and its scores (NaN final lambda when not constrained). */
    record Fit(long seed, boolean chosen, int bestEpoch, int epochsRun, double heldOutLoss, double finalLambda,
               Map<String, Double> scores) {
    }

    /**
     * One data set and mode: the seeds' mean pairwise agreement and the chosen fit's effective dimensions
     * (SeedRestarts), the chosen seed, every fit.
     */
    record Row(String dataset, String mode, double sharedMcc, double salientMcc, double sharedR2, double salientR2,
               double sharedSvcca, double salientSvcca, double sharedDimension, double salientDimension,
               long chosenSeed, List<Fit> fits, double wallSeconds) {
        Row {
            fits = List.copyOf(fits);
        }
    }

    private final int seeds;
    private final String training;
    private final String command;
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param training the training settings in words
     * @param command  the command line that ran, for the record
     */
    StabilityReport(int seeds, String training, String command) {
        this.seeds = seeds;
        this.training = training;
        this.command = command;
    }

    void describe(String dataset, String description) {
        descriptions.put(dataset, description);
    }

    void add(Row row) {
        rows.add(row);
    }

    CsvTable fits() {
        CsvTable t = new CsvTable(FIT_COLUMNS);
        for (Row r : rows) {
            for (Fit f : r.fits()) {
                List<Object> row = new ArrayList<>(List.of(r.dataset(), r.mode(), f.seed(), f.chosen() ? 1 : 0,
                        f.bestEpoch(), f.epochsRun(), cell(f.heldOutLoss()), cell(f.finalLambda())));
                for (String s : SCORE_COLUMNS) {
                    Double v = f.scores().get(s);
                    row.add(v == null ? "" : cell(v));
                }
                t.add(row);
            }
        }
        return t;
    }

    CsvTable stability() {
        CsvTable t = new CsvTable(STABILITY_COLUMNS);
        for (Row r : rows) {
            t.add(List.of(r.dataset(), r.mode(), cell(r.sharedMcc()), cell(r.salientMcc()), cell(r.sharedR2()),
                    cell(r.salientR2()), r.chosenSeed(), r.fits().size(), String.format(Locale.ROOT, "%.1f",
                            r.wallSeconds()), cell(r.sharedSvcca()), cell(r.salientSvcca()),
                    cell(r.sharedDimension()), cell(r.salientDimension())));
        }
        return t;
    }

    /** A table per data set, one row per mode. */
    String markdown(double totalSeconds) {
        StringBuilder md = new StringBuilder("# Seed stability\n\n");
        md.append("`").append(command).append("`, ").append(LocalDate.now()).append(". Training seeds 1..")
                .append(seeds).append(" for each data set and mode; ").append(training).append(".\n\n")
                .append("Stability: mean over the ").append(seeds * (seeds - 1) / 2)
                .append(seeds == 2 ? " pair" : " pairs").append(" of seeds of the MCC (and held-out affine R², and "
                        + "SVCCA) between their coordinates of the same cells, shared space over all cells, salient "
                        + "space over the target cells; MCC 1 = every seed found the same axes, SVCCA 1 = the same "
                        + "space whatever its axes. Effective dimension: how many of the chosen fit's dimensions "
                        + "carry its cells' variation (participation ratio). Other "
                        + "columns: mean ± sd over the ").append(seeds).append(" seeds, in brackets the chosen seed's "
                        + "value (the fit with the lowest held-out loss, the one cdgm fit --seeds keeps).\n");
        for (var d : descriptions.entrySet()) {
            List<Row> own = rows.stream().filter(r -> r.dataset().equals(d.getKey())).toList();
            if (own.isEmpty()) {
                continue;
            }
            List<String> scores = own.get(0).fits().get(0).scores().keySet().stream().toList();
            md.append("\n## ").append(d.getKey()).append("\n\n").append(d.getValue()).append("\n\n");
            List<String> head = new ArrayList<>(List.of("mode", "salient stability (MCC)", "shared stability (MCC)",
                    "salient stability (R²)", "shared stability (R²)", "salient stability (SVCCA)",
                    "shared stability (SVCCA)", "effective dimension, salient and shared (chosen seed)",
                    "held-out loss", "epochs run"));
            scores.forEach(s -> head.add(TITLES.getOrDefault(s, s)));
            head.addAll(List.of("chosen seed", "wall time"));
            md.append("| ").append(String.join(" | ", head)).append(" |\n|")
                    .append("---|".repeat(head.size())).append('\n');
            for (Row r : own) {
                List<String> cells = new ArrayList<>(List.of(r.mode(), fixed(r.salientMcc()), fixed(r.sharedMcc()),
                        fixed(r.salientR2()), fixed(r.sharedR2()), fixed(r.salientSvcca()), fixed(r.sharedSvcca()),
                        String.format(Locale.ROOT, "%.1f, %.1f", r.salientDimension(), r.sharedDimension()),
                        spread(r, Fit::heldOutLoss),
                        spread(r, f -> f.epochsRun(), "%.1f", "%.0f")));
                for (String s : scores) {
                    cells.add(spread(r, f -> f.scores().get(s)));
                }
                cells.add(Long.toString(r.chosenSeed()));
                cells.add(duration(r.wallSeconds()));
                md.append("| ").append(String.join(" | ", cells)).append(" |\n");
            }
        }
        md.append("\nWall time: ").append(duration(totalSeconds)).append(" in all (simulating and reading the data "
                + "included).\n");
        return md.toString();
    }

    /** Writes the three files; returns the markdown. */
    String write(Path out, double totalSeconds) throws IOException {
        fits().write(out.resolve("fits.csv"));
        stability().write(out.resolve("stability.csv"));
        String md = markdown(totalSeconds);
        AtomicFiles.write(out.resolve("stability.md"), w -> w.write(md));
        return md;
    }

    /** name value, name value, ... for a progress line. */
    static String inline(Map<String, Double> scores) {
        List<String> parts = new ArrayList<>();
        scores.forEach((k, v) -> parts.add(k + " " + fixed(v)));
        return String.join(", ", parts);
    }

    /** mean ± sd (chosen seed's value), with as many decimals as the figures' size warrants. */
    private static String spread(Row r, java.util.function.ToDoubleFunction<Fit> value) {
        double[] v = r.fits().stream().mapToDouble(value).toArray();
        String f = format(v);
        return spread(r, value, f, f);
    }

    private static String spread(Row r, java.util.function.ToDoubleFunction<Fit> value, String summary,
                                 String single) {
        double[] v = r.fits().stream().mapToDouble(value).toArray();
        double chosen = r.fits().stream().filter(Fit::chosen).mapToDouble(value).findFirst().orElse(Double.NaN);
        return number(mean(v), summary) + " ± " + number(sd(v), summary) + " (" + number(chosen, single) + ")";
    }

    /** Three decimals for scores; fewer for large figures (losses). */
    private static String format(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max >= 1000 ? "%.0f" : max >= 10 ? "%.1f" : "%.3f";
    }

    private static String number(double x, String format) {
        return Double.isNaN(x) ? "NaN" : String.format(Locale.ROOT, format, x);
    }

    private static String fixed(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }

    /** A value for a CSV cell: empty for NaN (no value), else the number. */
    private static Object cell(double x) {
        return Double.isNaN(x) ? "" : x;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min " + s % 60 + " s"
                : s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    static double mean(double[] v) {
        return SampleSummary.mean(v);
    }

    static double sd(double[] v) {
        return SampleSummary.sd(v);
    }
}
