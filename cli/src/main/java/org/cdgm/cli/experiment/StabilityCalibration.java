package org.cdgm.cli.experiment;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.AtomicFiles;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.metrics.Correlation;
import org.cdgm.engine.metrics.MeanInterval;
import org.cdgm.engine.plot.CalibrationPlot;
import org.cdgm.engine.plot.PlotSize;

/**
 * What a seed-stability score says about the truth (issue 14, item 3): from the raw.csv files of claim experiments
 * ({@link ClaimRunner}), every pair of fits that differ only in the training seed becomes one point: its seed
 * stability (stability_mcc, MCC between the two fits' coordinates) against its true aligned MCC and true leakage,
 * each the mean of the pair's two fits. Per block (shared, salient) it reports the Pearson and Spearman correlation
 * over all pairs and, per band of stability, the mean true aligned MCC with a 95% t interval: "a stability of s
 * means a true MCC of about m". A pair whose numbers all repeat another's (the same fits in two experiments) counts
 * once.
 */
public final class StabilityCalibration {
    /** Lower edges of the stability bands; the last band ends at 1 (included). */
    public static final double[] BAND_EDGES = {Double.NEGATIVE_INFINITY, 0.5, 0.6, 0.7, 0.8, 0.9};

    private StabilityCalibration() {
    }

    /**
     * One pair of fits.
     *
     * @param source     the folder of the raw.csv it came from
     * @param setting    the experiment's setting
     * @param mode       the training mode
     * @param dataSeed   the simulated data set
     * @param seedA      first training seed
     * @param seedB      second training seed
     * @param block      shared or salient
     * @param stability  stability_mcc of the pair
     * @param trueMcc    mean of the two fits' mcc_aligned
     * @param leakage    mean of the two fits' leakage_linear (salient block: true salient codes predicted from the
     *                   learned shared codes; shared block: the reverse)
     */
    public record Pair(String source, String setting, String mode, long dataSeed, long seedA, long seedB,
                       String block, double stability, double trueMcc, double leakage) {
    }

    /** One band of stability: its pairs' mean true aligned MCC with a 95% t interval and mean leakage. */
    public record Band(String block, double from, double to, MeanInterval trueMcc, double leakage) {
    }

    /** Per block the correlations of stability with the truth over all pairs. */
    public record Agreement(String block, int pairs, double pearsonMcc, double spearmanMcc, double pearsonLeakage,
                            double spearmanLeakage) {
    }

    /**
     * Reads the pairs of raw.csv files.
     *
     * @param folders output folders of claim experiments, each with a raw.csv
     * @throws InvalidInputException naming the file when one is missing, lacks a column or a pair's fit
     * @throws IOException           when a file cannot be read
     */
    public static List<Pair> read(List<Path> folders) throws IOException {
        List<Pair> out = new ArrayList<>();
        // The same fits can appear in two experiments (noise=gaussian is mixing=relu,decoder=relu: same data, model
        // and seeds, so the same numbers); a pair counts once.
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        for (Path folder : folders) {
            Path file = folder.resolve("raw.csv");
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("No raw.csv in " + folder + ": give the --out folder of cdgm "
                        + "experiment mixing, noise or misspecified");
            }
            List<CSVRecord> rows;
            try (Reader in = Files.newBufferedReader(file)) {
                rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)
                        .getRecords();
            }
            if (!rows.isEmpty() && !rows.get(0).getParser().getHeaderNames().equals(ClaimRunner.RAW_COLUMNS)) {
                throw new InvalidInputException(file + " has the columns " + rows.get(0).getParser().getHeaderNames()
                        + ", not " + ClaimRunner.RAW_COLUMNS);
            }
            Map<List<String>, Double> fitScores = new HashMap<>();
            for (CSVRecord r : rows) {
                if (r.get("other_seed").isEmpty()) {
                    fitScores.put(List.of(r.get("setting"), r.get("mode"), r.get("data_seed"), r.get("train_seed"),
                            r.get("block"), r.get("metric")), Double.parseDouble(r.get("value")));
                }
            }
            for (CSVRecord r : rows) {
                if (!r.get("other_seed").isEmpty() && r.get("metric").equals("stability_mcc")) {
                    double[] mcc = new double[2];
                    double[] leak = new double[2];
                    String[] seeds = {r.get("train_seed"), r.get("other_seed")};
                    for (int k = 0; k < 2; k++) {
                        mcc[k] = fitScore(fitScores, file, r, seeds[k], "mcc_aligned");
                        leak[k] = fitScore(fitScores, file, r, seeds[k], "leakage_linear");
                    }
                    Pair p = new Pair(folder.toString(), r.get("setting"), r.get("mode"),
                            Long.parseLong(r.get("data_seed")), Long.parseLong(seeds[0]), Long.parseLong(seeds[1]),
                            r.get("block"), Double.parseDouble(r.get("value")), (mcc[0] + mcc[1]) / 2,
                            (leak[0] + leak[1]) / 2);
                    if (seen.add(List.of(p.mode(), p.dataSeed(), p.seedA(), p.seedB(), p.block(), p.stability(),
                            p.trueMcc(), p.leakage()))) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    private static double fitScore(Map<List<String>, Double> scores, Path file, CSVRecord pair, String seed,
                                   String metric) {
        Double v = scores.get(List.of(pair.get("setting"), pair.get("mode"), pair.get("data_seed"), seed,
                pair.get("block"), metric));
        if (v == null) {
            throw new InvalidInputException(file + " has a stability row for training seed " + seed + " ("
                    + pair.get("setting") + ", " + pair.get("mode") + ", data seed " + pair.get("data_seed") + ", "
                    + pair.get("block") + ") but no " + metric + " of that fit");
        }
        return v;
    }

    /** Per block (shared, then salient) and band of stability, in order; bands without pairs are left out. */
    public static List<Band> bands(List<Pair> pairs) {
        List<Band> out = new ArrayList<>();
        for (String block : List.of("shared", "salient")) {
            for (int b = 0; b < BAND_EDGES.length; b++) {
                double from = BAND_EDGES[b];
                double to = b + 1 < BAND_EDGES.length ? BAND_EDGES[b + 1] : Double.POSITIVE_INFINITY;
                List<Pair> in = pairs.stream().filter(p -> p.block().equals(block) && p.stability() >= from
                        && p.stability() < to && Double.isFinite(p.trueMcc())).toList();
                if (!in.isEmpty()) {
                    double[] mcc = in.stream().mapToDouble(Pair::trueMcc).toArray();
                    double leakage = in.stream().mapToDouble(Pair::leakage).average().orElse(Double.NaN);
                    out.add(new Band(block, from, to, MeanInterval.of(mcc, ClaimRunner.LEVEL), leakage));
                }
            }
        }
        return out;
    }

    /** Per block with at least 3 pairs the correlations of stability with true aligned MCC and with leakage. */
    public static List<Agreement> agreement(List<Pair> pairs) {
        List<Agreement> out = new ArrayList<>();
        for (String block : List.of("shared", "salient")) {
            List<Pair> in = pairs.stream().filter(p -> p.block().equals(block) && Double.isFinite(p.stability())
                    && Double.isFinite(p.trueMcc()) && Double.isFinite(p.leakage())).toList();
            if (in.size() >= 3) {
                double[] s = in.stream().mapToDouble(Pair::stability).toArray();
                double[] m = in.stream().mapToDouble(Pair::trueMcc).toArray();
                double[] l = in.stream().mapToDouble(Pair::leakage).toArray();
                out.add(new Agreement(block, in.size(), Correlation.PEARSON.of(s, m), Correlation.SPEARMAN.of(s, m),
                        Correlation.PEARSON.of(s, l), Correlation.SPEARMAN.of(s, l)));
            }
        }
        return out;
    }

    /** The band as text: "below 0.5", "0.5-0.6", ..., "0.9 and above". */
    public static String label(Band b) {
        if (b.from() == Double.NEGATIVE_INFINITY) {
            return "below " + b.to();
        }
        return b.to() == Double.POSITIVE_INFINITY ? b.from() + " and above" : b.from() + "-" + b.to();
    }

    /** The correlations and the table "stability s means true aligned MCC about m", as markdown. */
    public static String markdown(List<Pair> pairs) {
        StringBuilder sb = new StringBuilder("| block | pairs | Pearson (stability, true aligned MCC) | Spearman | "
                + "Pearson (stability, leakage) | Spearman |\n|---|---|---|---|---|---|\n");
        for (Agreement a : agreement(pairs)) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f |%n", a.block(), a.pairs(),
                    a.pearsonMcc(), a.spearmanMcc(), a.pearsonLeakage(), a.spearmanLeakage()));
        }
        sb.append("\n| block | seed stability (MCC) | pairs | true aligned MCC, mean [95% t interval] | "
                + "leakage, mean |\n|---|---|---|---|---|\n");
        for (Band b : bands(pairs)) {
            MeanInterval m = b.trueMcc();
            String mcc = Double.isNaN(m.low()) ? String.format(Locale.ROOT, "%.3f", m.mean())
                    : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", m.mean(), m.low(), m.high());
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.3f |%n", b.block(), label(b), m.n(), mcc,
                    b.leakage()));
        }
        return sb.toString();
    }

    /** Columns of calibration.csv. */
    public static final List<String> BAND_COLUMNS = List.of("block", "stability_band", "pairs", "true_mcc_aligned",
            "ci_low", "ci_high", "leakage_linear");
    /** Columns of pairs.csv. */
    public static final List<String> PAIR_COLUMNS = List.of("source", "setting", "mode", "data_seed", "seed_a",
            "seed_b", "block", "stability_mcc", "true_mcc_aligned", "leakage_linear");

    /**
     * Writes pairs.csv (one row per pair and block), calibration.csv (one row per block and band),
     * calibration.md (the correlations and the bands) and calibration.png ({@link CalibrationPlot}) into
     * {@code out}.
     *
     * @return the markdown
     * @throws InvalidInputException when there is no pair
     * @throws IOException           when a file cannot be written
     */
    public static String write(List<Pair> pairs, Path out) throws IOException {
        if (pairs.isEmpty()) {
            throw new InvalidInputException("The raw.csv files hold no pair of fits (stability rows): run the "
                    + "experiments with --seeds 2 or more");
        }
        CsvTable pairTable = new CsvTable(PAIR_COLUMNS);
        for (Pair p : pairs) {
            pairTable.add(List.of(p.source(), p.setting(), p.mode(), p.dataSeed(), p.seedA(), p.seedB(), p.block(),
                    p.stability(), p.trueMcc(), p.leakage()));
        }
        pairTable.write(out.resolve("pairs.csv"));
        List<Band> bands = bands(pairs);
        CsvTable bandTable = new CsvTable(BAND_COLUMNS);
        for (Band b : bands) {
            bandTable.add(List.of(b.block(), label(b), b.trueMcc().n(), b.trueMcc().mean(),
                    Double.isNaN(b.trueMcc().low()) ? "" : b.trueMcc().low(),
                    Double.isNaN(b.trueMcc().high()) ? "" : b.trueMcc().high(), b.leakage()));
        }
        bandTable.write(out.resolve("calibration.csv"));
        String md = markdown(pairs);
        AtomicFiles.write(out.resolve("calibration.md"), w -> w.write(md));
        List<CalibrationPlot.Panel> panels = new ArrayList<>();
        for (String block : List.of("shared", "salient")) {
            List<Pair> in = pairs.stream().filter(p -> p.block().equals(block)).toList();
            List<Band> bb = bands.stream().filter(b -> b.block().equals(block)).toList();
            double[] centres = new double[bb.size()];
            for (int i = 0; i < centres.length; i++) {
                Band b = bb.get(i);
                centres[i] = in.stream().filter(p -> p.stability() >= b.from() && p.stability() < b.to())
                        .mapToDouble(Pair::stability).average().orElse(Double.NaN);
            }
            panels.add(new CalibrationPlot.Panel(block, in.stream().mapToDouble(Pair::stability).toArray(),
                    in.stream().mapToDouble(Pair::trueMcc).toArray(), centres,
                    bb.stream().mapToDouble(b -> b.trueMcc().mean()).toArray()));
        }
        byte[] png = CalibrationPlot.render(panels, new PlotSize(1200, 550));
        AtomicFiles.writeBytes(out.resolve("calibration.png"), o -> o.write(png));
        return md;
    }
}
