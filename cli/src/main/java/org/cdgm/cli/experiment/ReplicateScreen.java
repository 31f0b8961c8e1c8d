package org.cdgm.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.cdgm.cli.ReadOptions;
import org.cdgm.engine.data.BatchCovariate;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.io.MatrixFiles;
import org.cdgm.engine.preprocess.CellPreparation;
import org.cdgm.engine.preprocess.PreparedCells;
import org.cdgm.engine.preprocess.SubsetCellMatrix;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The Papalexi et al. (2021) CRISPR screen with each cell's biological replicate, read and prepared as {@code cdgm
 * fit papalexi2021_lowmoi --metadata papalexi2021_lowmoi/cell_metadata.csv --metadata-id-column barcode
 * --condition-column condition --background background --batch-column bio_rep} does (through the same
 * {@link ReadOptions}), in two versions over the very same cells: {@link #withReplicates()}, whose cells carry their
 * replicate as a batch covariate, and {@link #withoutReplicates()}, whose cells do not (a cell without a replicate
 * value would be left out of both).
 *
 * @param withReplicates the cells with the covariate {@value #REPLICATE_COLUMN}
 * @param knockout       per target cell, in the target set's order, its knocked-out gene
 * @param dropped        cells of the file left out by the preparation
 */
record ReplicateScreen(ContrastiveDataset withReplicates, List<String> knockout, int dropped) {
    /** The screen's replicate column. */
    static final String REPLICATE_COLUMN = "bio_rep";

    ReplicateScreen {
        knockout = List.copyOf(knockout);
    }

    /**
     * Reads the screen from the shared data folder.
     *
     * @param quick every {@value PapalexiData#QUICK_STRIDE}th cell of each condition and the
     *              {@value PapalexiData#QUICK_GENES} most variable genes (as {@code experiment stability --quick})
     * @param spec  the command whose usage errors the read options raise
     * @throws java.nio.file.NoSuchFileException when the screen is not in the shared data folder
     */
    static ReplicateScreen read(Path sharedData, boolean quick, CommandSpec spec) throws IOException {
        Path dir = PapalexiData.folder(sharedData);
        List<String> args = new ArrayList<>(List.of(dir.toString(), "--metadata",
                dir.resolve("cell_metadata.csv").toString(), "--metadata-id-column", "barcode", "--condition-column",
                "condition", "--background", "background", "--batch-column", REPLICATE_COLUMN));
        if (quick) {
            args.addAll(List.of("--top-genes", Integer.toString(PapalexiData.QUICK_GENES)));
        }
        ReadOptions read = CommandLine.populateCommand(new ReadOptions(), args.toArray(String[]::new));
        PreparedCells prepared = CellPreparation.prepare(MatrixFiles.read(read.request(spec)), read.settings(spec));
        ContrastiveDataset data = prepared.dataset();
        List<String> knockout = List.of(prepared.column(PapalexiData.KNOCKOUT_COLUMN, Condition.TARGET));
        ReplicateScreen screen = new ReplicateScreen(data, knockout, prepared.dropped());
        return quick ? screen.everyNth(PapalexiData.QUICK_STRIDE) : screen;
    }

    /** The same cells without the batch covariate: the plain fit's data. */
    ContrastiveDataset withoutReplicates() {
        ContrastiveDataset d = withReplicates;
        return new ContrastiveDataset(d.genes(), plain(d.background()), plain(d.target()));
    }

    /** Per background cell its replicate (bio_rep value), in the background set's order. */
    List<String> backgroundReplicates() {
        return replicates(withReplicates.background());
    }

    /** Per target cell its replicate (bio_rep value), in the target set's order. */
    List<String> targetReplicates() {
        return replicates(withReplicates.target());
    }

    /** Per cell, background then target cells, its replicate: the order of {@link #allCells}. */
    List<String> allReplicates() {
        List<String> out = new ArrayList<>(backgroundReplicates());
        out.addAll(targetReplicates());
        return out;
    }

    /** The rows of background cells followed by those of target cells, as one array (shares the rows). */
    static double[][] allCells(double[][] background, double[][] target) {
        double[][] out = new double[background.length + target.length][];
        System.arraycopy(background, 0, out, 0, background.length);
        System.arraycopy(target, 0, out, background.length, target.length);
        return out;
    }

    /** The replicates' names, in code order. */
    List<String> replicateLevels() {
        return withReplicates.batch().levels();
    }

    /** What the cells are, for the markdown. */
    String describe(boolean quick) {
        ContrastiveDataset d = withReplicates;
        String cells = String.format(Locale.ROOT, "%,d background (non-targeting) + %,d target (knockout) cells, %d "
                + "genes", d.background().cells(), d.target().cells(), d.geneCount());
        return "Papalexi et al. (2021) CRISPR screen (" + PapalexiData.FOLDER + "), read and prepared as cdgm fit "
                + "does with --batch-column " + REPLICATE_COLUMN + ": " + cells
                + (quick ? String.format(Locale.ROOT, " (--quick: every %dth cell of each condition and the %d most "
                        + "variable genes)", PapalexiData.QUICK_STRIDE, PapalexiData.QUICK_GENES) : "")
                + (dropped == 0 ? "" : String.format(Locale.ROOT, "; %,d cells of the file left out", dropped))
                + String.format(Locale.ROOT, "; replicates %s", String.join(", ", replicateLevels()));
    }

    private ReplicateScreen everyNth(int stride) {
        int[] b = IntStream.range(0, withReplicates.background().cells()).filter(i -> i % stride == 0).toArray();
        int[] t = IntStream.range(0, withReplicates.target().cells()).filter(i -> i % stride == 0).toArray();
        ContrastiveDataset d = new ContrastiveDataset(withReplicates.genes(), subset(withReplicates.background(), b),
                subset(withReplicates.target(), t), withReplicates.batch());
        return new ReplicateScreen(d, IntStream.of(t).mapToObj(knockout::get).toList(), dropped);
    }

    private static CellSet subset(CellSet set, int[] rows) {
        int[] genes = IntStream.range(0, set.matrix().genes()).toArray();
        int[] codes = set.batchCodes();
        return new CellSet(set.condition(), new SubsetCellMatrix(set.matrix(), rows, genes),
                IntStream.of(rows).mapToObj(set.cellIds()::get).toList(), IntStream.of(rows).map(i -> codes[i])
                        .toArray());
    }

    private static CellSet plain(CellSet set) {
        return new CellSet(set.condition(), set.matrix(), set.cellIds());
    }

    private List<String> replicates(CellSet set) {
        BatchCovariate b = withReplicates.batch();
        return IntStream.of(set.batchCodes()).mapToObj(b.levels()::get).toList();
    }
}
