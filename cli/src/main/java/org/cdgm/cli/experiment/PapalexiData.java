package org.cdgm.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.cdgm.cli.ReadOptions;
import org.cdgm.cli.jobs.ScreenJob;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.io.MatrixFiles;
import org.cdgm.engine.metrics.KnnAccuracy;
import org.cdgm.engine.metrics.Silhouette;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.preprocess.CellPreparation;
import org.cdgm.engine.preprocess.PreparedCells;
import org.cdgm.engine.preprocess.SubsetCellMatrix;
import org.cdgm.engine.training.TrainingResult;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The Papalexi et al. (2021) CRISPR screen of the shared data folder, read and prepared as {@code cdgm fit
 * papalexi2021_lowmoi --metadata papalexi2021_lowmoi/cell_metadata.csv --metadata-id-column barcode
 * --condition-column condition --background background} does (through the same {@link ReadOptions}), fitted with
 * fit's default model (automatic likelihood, k_z = 10, k_t = 5) and scored on the target cells as the engine's
 * ScreenJob scores them: how far the IFN-gamma pathway knockouts stand apart (silhouette) and how well a cell's
 * knockout is predicted from its coordinates (15-nearest-neighbour accuracy, mean over 5 hold-out splits), in the
 * salient and in the shared space.
 *
 * <p>Two data sets: {@code papalexi}, the whole screen ({@link #create}), and {@code papalexi-small}
 * ({@link #createSmall}), a fixed random subset of the prepared screen with a few hundred cells per condition
 * ({@value #SMALL_BACKGROUND} background cells; {@value #SMALL_PER_GROUP} target cells whose knockout is in the
 * IFN-gamma pathway and {@value #SMALL_PER_GROUP} with another knockout), the size at which fits were found to vary
 * most from seed to seed (issue 11). The small set is also scored by the 15-nearest-neighbour accuracy of "IFN-gamma
 * pathway or not".
 */
final class PapalexiData implements ExperimentData {
    static final String FOLDER = "papalexi2021_lowmoi";
    static final String KNOCKOUT_COLUMN = "grna_target";
    /** cdgm fit's defaults (FitCommand's --shared-dim and --salient-dim). */
    static final int SHARED_DIM = 10;
    static final int SALIENT_DIM = 5;
    /** papalexi --quick: every QUICK_STRIDE-th cell of each condition and the QUICK_GENES most variable genes. */
    static final int QUICK_STRIDE = 20;
    static final int QUICK_GENES = 40;
    /** papalexi-small: the seed of its subset (java.util.Random) and its composition. */
    static final long SMALL_SEED = 2021;
    static final int SMALL_BACKGROUND = 300;
    static final int SMALL_PER_GROUP = 150;
    static final String PATHWAY = "IFN-gamma pathway KO";
    static final String OTHER = "other KO";
    static final List<String> SCORES = List.of("ifng_silhouette_salient", "ifng_silhouette_shared",
            "knockout_knn_accuracy_salient", "knockout_knn_accuracy_shared");
    /** papalexi-small's scores: {@link #SCORES} and the kNN accuracy of IFN-gamma pathway or not. */
    static final List<String> SMALL_SCORES = List.of("ifng_silhouette_salient", "ifng_silhouette_shared",
            "ifng_knn_accuracy_salient", "ifng_knn_accuracy_shared", "knockout_knn_accuracy_salient",
            "knockout_knn_accuracy_shared");

    /** The prepared screen: the data set and, per target cell in the target set's order, its knocked-out gene. */
    private record Screen(ContrastiveDataset data, List<String> knockout, int dropped) {
        /** The given rows of each condition (ascending), with their knockouts. */
        Screen rows(int[] background, int[] target) {
            return new Screen(new ContrastiveDataset(data.genes(), subset(data.background(), background),
                    subset(data.target(), target)), IntStream.of(target).mapToObj(knockout::get).toList(), dropped);
        }
    }

    /** Row indices of a subset: of the background set and of the target set. */
    record Rows(int[] background, int[] target) {
    }

    private final String name;
    private final String origin;
    private final Screen screen;
    private final ModelConfig config;
    private final LikelihoodChoice.Decision likelihood;
    private final List<String> ifng;
    private final List<String> scores;

    /** @param origin the description's start, without a full stop: where the cells come from */
    private PapalexiData(String name, String origin, Screen screen, List<String> scores) {
        this.name = name;
        this.origin = origin;
        this.screen = screen;
        this.likelihood = LikelihoodChoice.AUTO.resolve(screen.data());
        this.config = ModelConfig.defaults(screen.data().geneCount(), likelihood.likelihood())
                .withLatentSizes(SHARED_DIM, SALIENT_DIM);
        this.ifng = pathwayLabels(screen.knockout());
        this.scores = scores;
    }

    /** The screen's folder in the shared data folder; a missing folder is a missing file (exit status 1). */
    static Path folder(Path sharedData) throws NoSuchFileException {
        Path dir = sharedData.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "the Papalexi screen is not there; give the shared "
                    + "data folder with --data DIR");
        }
        return dir;
    }

    /**
     * The whole screen ({@code papalexi}).
     *
     * @param spec  the command whose usage errors the read options raise
     * @param quick 1 cell in {@value #QUICK_STRIDE} and the {@value #QUICK_GENES} most variable genes
     */
    static PapalexiData create(Path sharedData, boolean quick, CommandSpec spec) throws IOException {
        Screen screen = read(sharedData, quick, spec);
        if (quick) {
            screen = screen.rows(everyNth(screen.data().background().cells()),
                    everyNth(screen.data().target().cells()));
        }
        Screen s = screen;
        String origin = String.format(Locale.ROOT, "Papalexi et al. (2021) CRISPR screen (%s), read and prepared as "
                + "cdgm fit does: %,d background (non-targeting) + %,d target (knockout) cells, %d genes%s", FOLDER,
                s.data().background().cells(), s.data().target().cells(), s.data().geneCount(), s.dropped() == 0 ? ""
                        : String.format(Locale.ROOT, " (%,d cells left out)", s.dropped()));
        return new PapalexiData("papalexi", origin, screen, SCORES);
    }

    /**
     * {@code papalexi-small}: the screen read and prepared as for {@link #create} (all of it; --quick changes nothing
     * here but the epochs), then {@link #smallRows} with {@value #SMALL_SEED}.
     *
     * @throws IllegalArgumentException when the prepared screen has too few cells of a group (not with the shared
     *                                  data's screen)
     */
    static PapalexiData createSmall(Path sharedData, CommandSpec spec) throws IOException {
        Screen whole = read(sharedData, false, spec);
        Rows rows = smallRows(whole.data().background().cells(), whole.knockout(), SMALL_SEED);
        Screen small = whole.rows(rows.background(), rows.target());
        String origin = String.format(Locale.ROOT, "A fixed random subset (java.util.Random seed %d) of the Papalexi "
                + "et al. (2021) CRISPR screen (%s), read and prepared as cdgm fit does on the whole screen: %,d of "
                + "its %,d background (non-targeting) cells, %,d of its %,d cells whose knockout is in the IFN-gamma "
                + "pathway and %,d of its %,d cells with another knockout; %d genes%s", SMALL_SEED, FOLDER,
                small.data().background().cells(), whole.data().background().cells(), SMALL_PER_GROUP,
                count(whole.knockout(), true), SMALL_PER_GROUP, count(whole.knockout(), false),
                small.data().geneCount(), whole.dropped() == 0 ? ""
                        : String.format(Locale.ROOT, " (%,d cells of the screen left out)", whole.dropped()));
        return new PapalexiData("papalexi-small", origin, small, SMALL_SCORES);
    }

    /**
     * The rows of papalexi-small: {@value #SMALL_BACKGROUND} background rows, then {@value #SMALL_PER_GROUP} target
     * rows whose knockout is in {@link ScreenJob#IFNG_PATHWAY} and {@value #SMALL_PER_GROUP} with another knockout,
     * each drawn uniformly without replacement by one {@link Random} in that order; every list ascending.
     * {@code java.util.Random}, not the engine's SplittableRandom, because its algorithm is fixed by the Java
     * specification, so the subset is the same on every Java version.
     *
     * @param backgroundCells the number of background cells to draw from
     * @param knockout        per target cell, its knocked-out gene
     * @throws IllegalArgumentException when a group has fewer cells than are drawn from it
     */
    static Rows smallRows(int backgroundCells, List<String> knockout, long seed) {
        Random rng = new Random(seed);
        int[] background = draw(IntStream.range(0, backgroundCells).toArray(), SMALL_BACKGROUND, rng,
                "background cells");
        int[] pathway = draw(IntStream.range(0, knockout.size()).filter(i -> inPathway(knockout.get(i))).toArray(),
                SMALL_PER_GROUP, rng, "IFN-gamma pathway knockout cells");
        int[] other = draw(IntStream.range(0, knockout.size()).filter(i -> !inPathway(knockout.get(i))).toArray(),
                SMALL_PER_GROUP, rng, "other knockout cells");
        int[] target = IntStream.concat(IntStream.of(pathway), IntStream.of(other)).sorted().toArray();
        return new Rows(background, target);
    }

    /** n of the given rows, uniformly without replacement (partial Fisher-Yates shuffle), ascending. */
    private static int[] draw(int[] from, int n, Random rng, String what) {
        if (from.length < n) {
            throw new IllegalArgumentException("papalexi-small needs " + n + " " + what + ", the prepared screen has "
                    + from.length);
        }
        int[] a = from.clone();
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        int[] out = Arrays.copyOf(a, n);
        Arrays.sort(out);
        return out;
    }

    /** Reads and prepares the whole screen as cdgm fit does; with quick only the most variable genes. */
    private static Screen read(Path sharedData, boolean quick, CommandSpec spec) throws IOException {
        Path dir = folder(sharedData);
        List<String> args = new ArrayList<>(List.of(dir.toString(), "--metadata",
                dir.resolve("cell_metadata.csv").toString(), "--metadata-id-column", "barcode", "--condition-column",
                "condition", "--background", "background"));
        if (quick) {
            args.addAll(List.of("--top-genes", Integer.toString(QUICK_GENES)));
        }
        ReadOptions read = CommandLine.populateCommand(new ReadOptions(), args.toArray(String[]::new));
        PreparedCells prepared = CellPreparation.prepare(MatrixFiles.read(read.request(spec)), read.settings(spec));
        List<String> guides = prepared.data().metadata().column(KNOCKOUT_COLUMN);
        List<String> knockout = new ArrayList<>();
        for (int i = 0; i < prepared.cells(); i++) {
            if (prepared.conditions()[i] == Condition.TARGET) { // the target set's order (PreparedCells.dataset)
                knockout.add(guides.get(i));
            }
        }
        return new Screen(prepared.dataset(), knockout, prepared.dropped());
    }

    private static int[] everyNth(int cells) {
        return IntStream.range(0, cells).filter(i -> i % QUICK_STRIDE == 0).toArray();
    }

    private static CellSet subset(CellSet set, int[] rows) {
        int[] genes = IntStream.range(0, set.matrix().genes()).toArray();
        return new CellSet(set.condition(), new SubsetCellMatrix(set.matrix(), rows, genes),
                IntStream.of(rows).mapToObj(set.cellIds()::get).toList());
    }

    private static boolean inPathway(String knockout) {
        return ScreenJob.IFNG_PATHWAY.contains(knockout);
    }

    /** Per cell {@value #PATHWAY} or {@value #OTHER}. */
    static List<String> pathwayLabels(List<String> knockout) {
        return knockout.stream().map(k -> inPathway(k) ? PATHWAY : OTHER).toList();
    }

    private static long count(List<String> knockout, boolean pathway) {
        return knockout.stream().filter(k -> inPathway(k) == pathway).count();
    }

    /** The knocked-out gene of each target cell, in the target set's order. */
    List<String> knockout() {
        return screen.knockout();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        StringBuilder d = new StringBuilder(origin).append(String.format(Locale.ROOT, "; %s likelihood (the automatic "
                + "choice), k_z = %d, k_t = %d. Scores on the target cells as the engine's ScreenJob computes them: "
                + "silhouette of the %,d IFN-gamma pathway knockout cells (JAK2, STAT1, IFNGR1, IFNGR2, IRF1) against "
                + "the other knockouts", ExperimentData.words(likelihood.likelihood()), config.sharedDim(),
                config.salientDim(), count(screen.knockout(), true)));
        if (scores.contains("ifng_knn_accuracy_salient")) {
            d.append(String.format(Locale.ROOT, ", 15-nearest-neighbour accuracy of IFN-gamma pathway or not (mean "
                    + "over 5 hold-out splits; always guessing the larger group gives %.3f)",
                    KnnAccuracy.chance(ifng)));
        }
        return d.append(String.format(Locale.ROOT, " and 15-nearest-neighbour accuracy of the knockout (mean over 5 "
                + "hold-out splits; always guessing the most common knockout gives %.3f), each in the salient and the "
                + "shared space.", KnnAccuracy.chance(screen.knockout()))).toString();
    }

    @Override
    public String likelihoodReason() {
        return likelihood.reason();
    }

    @Override
    public ContrastiveDataset dataset() {
        return screen.data();
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public List<String> scoreNames() {
        return scores;
    }

    /** ScreenJob's figures with its parameters (silhouette on at most 4,000 cells, seed 1; k = 15, 5 splits). */
    @Override
    public Map<String, Double> score(long seed, TrainingResult fit) {
        Embedding t = fit.model().embed(screen.data().target().matrix(), screen.data().target().batchCodes());
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("ifng_silhouette_salient", Silhouette.of(t.salient(), ifng, 4000, 1));
        out.put("ifng_silhouette_shared", Silhouette.of(t.shared(), ifng, 4000, 1));
        if (scores.contains("ifng_knn_accuracy_salient")) {
            out.put("ifng_knn_accuracy_salient", KnnAccuracy.meanOverSplits(t.salient(), ifng, 15, 5));
            out.put("ifng_knn_accuracy_shared", KnnAccuracy.meanOverSplits(t.shared(), ifng, 15, 5));
        }
        out.put("knockout_knn_accuracy_salient", KnnAccuracy.meanOverSplits(t.salient(), screen.knockout(), 15, 5));
        out.put("knockout_knn_accuracy_shared", KnnAccuracy.meanOverSplits(t.shared(), screen.knockout(), 15, 5));
        return out;
    }
}
