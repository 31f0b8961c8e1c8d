package org.cdgm.cli.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cdgm.engine.data.AnnotatedMatrix;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.io.H5adReader;
import org.cdgm.cli.report.HtmlReport;
import org.cdgm.cli.report.SvgPlot;
import org.cdgm.engine.io.TenXReader;
import org.cdgm.engine.metrics.IdentifiabilityScorer;
import org.cdgm.engine.metrics.KnnAccuracy;
import org.cdgm.engine.metrics.SeedStability;
import org.cdgm.engine.metrics.Silhouette;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.preprocess.ConditionSplit;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;

/**
 * A real fit: the Papalexi et al. (2021) CRISPR screen from ../shared/data, negative binomial contrastive VAE with
 * constrained training, two seeds. Reports reading time and peak heap, training throughput, how well knockout
 * identity is predicted from the salient versus the shared space, how far the IFN-gamma pathway knockouts stand
 * apart, and cross-seed stability.
 */
public final class ScreenJob {
    /** Knockouts of the IFN-gamma -> JAK/STAT -> IRF1 -> PD-L1 axis, the screen's main signal. */
    public static final Set<String> IFNG_PATHWAY = Set.of("JAK2", "STAT1", "IFNGR1", "IFNGR2", "IRF1");

    private ScreenJob() {
    }

    static final String USAGE = "usage: ScreenJob [--data DIR] [--h5ad] [--out DIR] [--epochs N] [--shared-dim K] "
            + "[--salient-dim K] [--mode MODE] [--regulariser KIND] [--weight W] [--epsilon E] [--learning-rate LR]";

    record Options(Path data, boolean h5ad, Path out, int epochs, int sharedDim, int salientDim, double epsilon,
                   TrainingMode mode, RegulariserKind regulariser, double weight, double learningRate) {
        static Options parse(String[] args) {
            Path data = Path.of("../shared/data/papalexi2021_lowmoi");
            boolean h5ad = false;
            Path out = Path.of("screen-output");
            int epochs = 20;
            int kz = 10;
            int kt = 5;
            // 0.05 was infeasible on this screen (lambda rose past 800 and squeezed the salient space); 0.3 is met
            double eps = 0.3;
            TrainingMode mode = TrainingMode.CONSTRAINED;
            RegulariserKind reg = RegulariserKind.MM_CVAE;
            double weight = 1.0;
            double lr = 3e-3;
            CommandLine cl = new CommandLine(args, USAGE);
            while (cl.hasNext()) {
                String a = cl.nextOption();
                switch (a) {
                    case "--data" -> data = Path.of(cl.value(a));
                    case "--h5ad" -> h5ad = true;
                    case "--out" -> out = Path.of(cl.value(a));
                    case "--epochs" -> epochs = cl.positiveInt(a);
                    case "--shared-dim" -> kz = cl.positiveInt(a);
                    case "--salient-dim" -> kt = cl.positiveInt(a);
                    case "--epsilon" -> eps = cl.nonNegativeDouble(a);
                    case "--mode" -> mode = cl.choice(a, TrainingMode.class);
                    case "--regulariser" -> reg = cl.choice(a, RegulariserKind.class);
                    case "--weight" -> weight = cl.nonNegativeDouble(a);
                    case "--learning-rate" -> lr = cl.nonNegativeDouble(a);
                    default -> throw cl.unknown(a);
                }
            }
            return new Options(data, h5ad, out, epochs, kz, kt, eps, mode, reg, weight, lr);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = CommandLine.parseOrExit(args, Options::parse);
        HeapMeter.reset();
        long t0 = System.nanoTime();
        AnnotatedMatrix screen = o.h5ad()
                ? H5adReader.read(o.data().resolve("papalexi2021_lowmoi_299genes.h5ad"), "counts")
                : TenXReader.read(o.data(), o.data().resolve("cell_metadata.csv"), "barcode");
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        double readPeak = HeapMeter.peakMiB();
        System.out.printf(Locale.ROOT, "Read %d cells x %d genes (%s) in %.2f s, peak heap %.0f MiB%n",
                screen.matrix().cells(), screen.matrix().genes(), o.h5ad() ? "h5ad" : "10x", readSeconds, readPeak);
        ContrastiveDataset data = ConditionSplit.split(screen, "condition", Set.of("background"), Set.of("target"));
        List<String> knockout = new ArrayList<>();
        List<String> condition = screen.metadata().column("condition");
        List<String> guideTarget = screen.metadata().column("grna_target");
        for (int i = 0; i < condition.size(); i++) {
            if (condition.get(i).equals("target")) {
                knockout.add(guideTarget.get(i));
            }
        }
        List<String> ifng = knockout.stream().map(k -> IFNG_PATHWAY.contains(k) ? "IFN-gamma pathway KO" : "other KO")
                .toList();
        ModelConfig model = ModelConfig.defaults(data.geneCount(), Likelihood.NEGATIVE_BINOMIAL)
                .withLatentSizes(o.sharedDim(), o.salientDim());
        System.out.println("Background " + data.background().cells() + " cells, target " + data.target().cells()
                + " cells; " + model);
        long[] seeds = {1, 2};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<TrainingResult>> futures = new ArrayList<>();
        double[] seconds = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            int idx = s;
            TrainingSettings ts = TrainingSettings.defaults(o.mode()).withRegulariser(o.regulariser(), o.weight())
                    .withEpochs(o.epochs()).withConstraint(o.epsilon(), 0.5).withLearningRate(o.learningRate())
                    .withSeed(seeds[s]);
            futures.add(pool.submit(() -> {
                long f0 = System.nanoTime();
                TrainingResult r = new Trainer(model, ts).fit(data, TrainingMonitor.NONE);
                seconds[idx] = (System.nanoTime() - f0) / 1e9;
                return r;
            }));
        }
        List<TrainingResult> fits = new ArrayList<>();
        for (Future<TrainingResult> f : futures) {
            fits.add(f.get());
        }
        pool.shutdown();

        CsvTable scores = new CsvTable(List.of("seed", "metric", "value"));
        List<Embedding> targets = new ArrayList<>();
        List<Embedding> backgrounds = new ArrayList<>();
        for (int s = 0; s < fits.size(); s++) {
            TrainingResult r = fits.get(s);
            double cellsPerSecond = r.cellsProcessed() / seconds[s];
            Embedding t = r.model().embed(data.target().matrix(), data.target().batchCodes());
            Embedding b = r.model().embed(data.background().matrix(), data.background().batchCodes());
            targets.add(t);
            backgrounds.add(b);
            double[][] row = {
                {seconds[s], cellsPerSecond, r.history().size(), r.finalLambda()},
                {KnnAccuracy.meanOverSplits(t.salient(), knockout, 15, 5),
                    KnnAccuracy.meanOverSplits(t.shared(), knockout, 15, 5), KnnAccuracy.chance(knockout)},
                {Silhouette.of(t.salient(), ifng, 4000, 1), Silhouette.of(t.shared(), ifng, 4000, 1),
                    KnnAccuracy.meanOverSplits(t.salient(), ifng, 15, 5),
                    KnnAccuracy.meanOverSplits(t.shared(), ifng, 15, 5), KnnAccuracy.chance(ifng)}};
            String[][] names = {{"fit_seconds", "cells_per_second", "epochs", "final_lambda"},
                {"knockout_knn_accuracy_salient", "knockout_knn_accuracy_shared", "knockout_knn_chance"},
                {"ifng_silhouette_salient", "ifng_silhouette_shared", "ifng_knn_accuracy_salient",
                    "ifng_knn_accuracy_shared", "ifng_knn_chance"}};
            for (int a = 0; a < names.length; a++) {
                for (int c = 0; c < names[a].length; c++) {
                    scores.add(List.of(seeds[s], names[a][c], row[a][c]));
                    System.out.printf(Locale.ROOT, "seed %d  %-32s %10.3f%n", seeds[s], names[a][c], row[a][c]);
                }
            }
        }
        SeedStability st = SeedStability.of(
                IdentifiabilityScorer.stack(backgrounds.get(0).shared(), targets.get(0).shared()),
                IdentifiabilityScorer.stack(backgrounds.get(1).shared(), targets.get(1).shared()),
                targets.get(0).salient(), targets.get(1).salient(), 3);
        for (Object[] m : new Object[][] {{"seed_stability_shared_mcc", st.sharedMcc()},
            {"seed_stability_salient_mcc", st.salientMcc()}, {"seed_stability_shared_r2", st.sharedR2()},
            {"seed_stability_salient_r2", st.salientR2()}, {"read_seconds", readSeconds},
            {"read_peak_heap_mib", readPeak}}) {
            scores.add(List.of("both", m[0], m[1]));
            System.out.printf(Locale.ROOT, "          %-32s %10.3f%n", m[0], (Double) m[1]);
        }
        scores.write(o.out().resolve("screen_scores.csv"));
        CsvTable history = new CsvTable(List.of("seed", "epoch", "train_background_loss", "train_target_loss",
                "train_regulariser", "validation_background_loss", "validation_target_loss", "validation_regulariser",
                "mean_alpha", "lambda"));
        for (int s = 0; s < fits.size(); s++) {
            for (var e : fits.get(s).history()) {
                history.add(List.of(seeds[s], e.epoch(), e.trainBackgroundLoss(), e.trainTargetLoss(),
                        e.trainRegulariser(), e.validationBackgroundLoss(), e.validationTargetLoss(),
                        e.validationRegulariser(), e.meanAlpha(), e.lambda()));
            }
        }
        history.write(o.out().resolve("screen_history.csv"));
        embeddingTable(data, knockout, seeds, backgrounds, targets).write(o.out().resolve("screen_embedding.csv"));
        writeReport(o, targets.get(0), backgrounds.get(0), knockout, fits.get(0));
        System.out.println("Wrote " + o.out().resolve("screen_scores.csv") + " and screen_report.html");
    }

    /** Per seed and cell: condition, knockout target (background: non-targeting), z and t coordinates. */
    private static CsvTable embeddingTable(ContrastiveDataset data, List<String> knockout, long[] seeds,
                                           List<Embedding> backgrounds, List<Embedding> targets) {
        int kz = targets.get(0).shared()[0].length;
        int kt = targets.get(0).salient()[0].length;
        List<String> header = new ArrayList<>(List.of("seed", "cell", "condition", "grna_target"));
        for (int j = 1; j <= kz; j++) {
            header.add("z" + j);
        }
        for (int j = 1; j <= kt; j++) {
            header.add("t" + j);
        }
        CsvTable table = new CsvTable(header);
        for (int s = 0; s < seeds.length; s++) {
            addRows(table, seeds[s], data.background().cellIds(), "background", null, backgrounds.get(s));
            addRows(table, seeds[s], data.target().cellIds(), "target", knockout, targets.get(s));
        }
        return table;
    }

    private static void addRows(CsvTable table, long seed, List<String> ids, String condition, List<String> labels,
                                Embedding e) {
        for (int i = 0; i < ids.size(); i++) {
            List<Object> row = new ArrayList<>(List.of(seed, ids.get(i), condition,
                    labels == null ? "non-targeting" : labels.get(i)));
            for (double v : e.shared()[i]) {
                row.add(v);
            }
            for (double v : e.salient()[i]) {
                row.add(v);
            }
            table.add(row);
        }
    }

    private static void writeReport(Options o, Embedding target, Embedding background, List<String> knockout,
                                    TrainingResult fit) throws java.io.IOException {
        String s1 = view("Salient space", "t", target.salient(), background.salient(), knockout);
        String s2 = view("Shared space", "z", target.shared(), background.shared(), knockout);
        HtmlReport r = new HtmlReport("cdgm on the Papalexi 2021 CRISPR screen");
        r.paragraph("Negative binomial contrastive VAE, " + o.mode() + " training, regulariser " + o.regulariser()
                + (o.mode().isConstrained() ? " <= " + o.epsilon() : " with weight " + o.weight()) + ", seed 1. "
                + "Background: non-targeting guides; target: knockouts. Red: knockouts of JAK2, STAT1, IFNGR1, IFNGR2 "
                + "and IRF1.");
        r.paragraph("Each space is shown along the axis joining the IFN-gamma pathway knockouts' mean to the "
                + "other cells' mean (horizontal) and the main remaining direction of variation (vertical).");
        r.figures(List.of(s1, s2));
        r.paragraph("Best epoch " + fit.bestEpoch() + " of " + fit.history().size() + ", final lambda "
                + String.format(Locale.ROOT, "%.3f", fit.finalLambda()));
        r.write(o.out().resolve("screen_report.html"));
        org.cdgm.engine.io.AtomicFiles.write(o.out().resolve("screen_salient.svg"), w -> w.write(s1));
        org.cdgm.engine.io.AtomicFiles.write(o.out().resolve("screen_shared.svg"), w -> w.write(s2));
    }

    /** Target and background cells projected on the IFN-gamma axis of the target cells (see GroupAxisProjection). */
    private static String view(String title, String prefix, double[][] target, double[][] background,
                               List<String> knockout) {
        List<String> labels = new ArrayList<>(knockout);
        double[][] all = IdentifiabilityScorer.stack(target, background);
        for (int i = 0; i < background.length; i++) {
            labels.add("non-targeting");
        }
        double[][] p = GroupAxisProjection.project(all, labels, IFNG_PATHWAY::contains);
        double[][] pt = java.util.Arrays.copyOfRange(p, 0, target.length);
        double[][] pb = java.util.Arrays.copyOfRange(p, target.length, p.length);
        return SvgPlot.scatter(title, "IFN-gamma axis (" + prefix + ")", "main other direction (" + prefix + ")",
                List.of(points("background", pb, null, null, "#9a9a9a"),
                        points("other KO", pt, knockout, k -> !IFNG_PATHWAY.contains(k), SvgPlot.color(0)),
                        points("IFN-g pathway KO", pt, knockout, IFNG_PATHWAY::contains, SvgPlot.color(1))));
    }

    /**
     * Every {@code stride}-th cell (one stride for all groups keeps their proportions) whose label passes the filter
     * (all when labels is null); first two coordinates.
     */
    private static SvgPlot.Group points(String name, double[][] x, List<String> labels,
                                        java.util.function.Predicate<String> keep, String color) {
        int stride = Math.max(1, x.length / 4000);
        List<double[]> sel = new ArrayList<>();
        for (int i = 0; i < x.length; i += stride) {
            if (labels == null || keep.test(labels.get(i))) {
                sel.add(x[i]);
            }
        }
        return new SvgPlot.Group(name, sel.stream().mapToDouble(p -> p[0]).toArray(),
                sel.stream().mapToDouble(p -> p[1]).toArray(), color);
    }
}
