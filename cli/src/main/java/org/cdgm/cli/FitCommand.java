package org.cdgm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.H5adOutOfCore;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.io.MatrixFiles;
import org.cdgm.engine.io.MatrixReadRequest;
import org.cdgm.engine.io.ModelFile;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.preprocess.CellPreparation;
import org.cdgm.engine.preprocess.PreparationSettings;
import org.cdgm.engine.preprocess.PreparedCells;
import org.cdgm.engine.runtime.Nd4jRuntime;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;
import org.cdgm.engine.tuning.SeedRestarts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code cdgm fit INPUT [read options] --condition-column C --background V --out DIR}: reads and prepares the cells
 * as {@code cdgm inspect} (and the KNIME reader node) do, trains a contrastive VAE with the Contrastive VAE
 * Learner's defaults, and writes what a pipeline needs: the coordinates of every cell, the per-epoch history, the
 * model file and a JSON summary. Defaults are the Learner node's (docs/user-guide.md, settings tables).
 */
@Command(name = "fit",
        header = "Train a contrastive VAE on a count matrix and write the cells' coordinates, history, model and summary.",
        description = {"Read and prepare the cells as 'cdgm inspect' does (same options), train a contrastive VAE "
                + "that separates the variation shared by background and target cells from the variation found "
                + "only in target cells (Lopez et al., CLeaR 2024), and write the results to --out."},
        sortOptions = false,
        sortSynopsis = false,
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nOutput (in --out):%n",
        footer = {"embedding.csv  cell, condition, shared_1..k_z, salient_1..k_t: the encoder means of every kept "
                + "cell (background cells included)",
                "history.csv    per epoch: training and validation losses (nats per cell), regulariser, MGDA "
                        + "weight alpha, dual variable lambda",
                "model.cdgm     the trained model (loads in the KNIME nodes and the engine)",
                "summary.json   mode, likelihood (and why), best_epoch, epochs_trained, constraint_satisfied "
                        + "(true, false, or null when not constrained), constraint (the verdict in words), "
                        + "final_lambda, epsilon (the value used) and epsilon_auto, training (the settings used), "
                        + "cells, genes, batch_column and batch_levels (null and [] without --batch-column), notes, "
                        + "warnings; "
                        + "with --seeds also chosen_seed, shared_stability and salient_stability (mean pairwise MCC, "
                        + "1 = every seed found the same axes), their R^2 and SVCCA (shared_stability_svcca, "
                        + "salient_stability_svcca: 1 = the same space, whatever its axes), the kept fit's "
                        + "shared_effective_dim and salient_effective_dim (how many dimensions carry its cells' "
                        + "variation) and each seed's held-out loss",
                "seeds/seed-S/embedding.csv  with --seeds: each seed's coordinates",
                "",
                "Progress goes to stderr, one line per epoch. Exit status: 0 success, 1 the data could not be read, "
                        + "used or fitted (e.g. training diverged), 2 wrong usage; errors are one 'error: ...' line "
                        + "on stderr.",
                "",
                "Example:",
                "  cdgm fit data/screen --metadata cells.csv --metadata-id-column barcode \\",
                "      --condition-column grna_target --background non-targeting --epsilon 0.3 --out fit1",
                "  (add --batch-column bio_rep when the cells come from several replicates or batches)"})
public final class FitCommand extends OutputCommand {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    ReadOptions read;

    @Mixin
    OutOfCoreOptions outOfCore;

    @Mixin
    FitOptions fit;

    @Option(names = "--seeds", paramLabel = "N",
            description = "Fit N models with seeds S..S+N-1 (S = --seed, default 42; as the Learner's restarts) "
                    + "instead of one (N >= 2), report how well they agree "
                    + "(shared_stability, salient_stability: mean pairwise MCC; also as R^2 and SVCCA, with the kept "
                    + "fit's effective dimensions) and keep the one with the lowest "
                    + "held-out loss; each seed's coordinates go to seeds/seed-S/embedding.csv.")
    Integer seeds;

    @Override
    public Integer call() throws Exception {
        var request = read.request(spec);
        var preparation = read.settings(spec);
        if (preparation.conditionColumn() == null) {
            throw Main.usageError(spec, "fit needs --condition-column and --background: which cells are the "
                    + "control (background) and which the perturbed (target)");
        }
        long[] seedList = seeds();
        TrainingSettings training = training();
        // out-of-core settings and the file's layout are checked before --out is created, so that a refusal leaves
        // nothing behind
        H5adOutOfCore onDisk = outOfCore.open(spec, read, request, preparation); // null: in memory
        OutputFolder folder;
        try {
            folder = OutputFolder.prepare(spec, out);
        } catch (RuntimeException e) {
            if (onDisk != null) {
                onDisk.close();
            }
            throw e;
        }
        try {
            return fitAndWrite(request, preparation, seedList, training, onDisk);
        } finally {
            folder.removeIfUnused(); // a failure before anything was written leaves no empty --out behind
            if (onDisk != null) {
                onDisk.close();
            }
        }
    }

    /** Reads and prepares the cells (unless read from disk), fits one model or several seeds, writes the files. */
    private int fitAndWrite(MatrixReadRequest request, PreparationSettings preparation, long[] seedList,
                            TrainingSettings training, H5adOutOfCore onDisk) throws Exception {
        PreparedCells prepared = onDisk != null ? null : CellPreparation.prepare(MatrixFiles.read(request),
                preparation);
        List<String> readWarnings = onDisk != null ? onDisk.warnings() : prepared.warnings();
        readWarnings.forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        ContrastiveDataset data = onDisk != null ? onDisk.dataset() : prepared.dataset();
        LikelihoodChoice.Decision decision = fit.likelihood.resolve(data);
        ModelConfig config = fit.config(spec, data, decision);
        Nd4jRuntime.initialise(null);
        var err = spec.commandLine().getErr();
        err.println(decision.reason());
        TrainingMonitor progress = new TrainingMonitor() {
            @Override
            public void onEpoch(EpochReport e) {
                err.printf(Locale.ROOT, "epoch %d: target loss %.4g, background loss %.4g%n", e.epoch(),
                        e.trainTargetLoss(), e.trainBackgroundLoss());
            }
        };
        SeedRestarts.Outcome restarts = null;
        TrainingResult result;
        if (seedList.length == 1) {
            result = new Trainer(config, training).fit(data, progress);
        } else {
            restarts = SeedRestarts.run(config, training, data, seedList, progress);
            result = restarts.best().result();
            training = training.withSeed(restarts.best().seed());
        }
        Files.createDirectories(out);
        writeEmbedding(result, data, out.resolve("embedding.csv"));
        FitRecord.writeHistory(result.history(), out.resolve("history.csv"));
        ModelFile.save(result.model().withSource(request.path().getFileName().toString()), out.resolve("model.cdgm"));
        if (restarts != null) {
            for (SeedRestarts.Fit f : restarts.fits()) {
                Path folder = Files.createDirectories(out.resolve("seeds").resolve("seed-" + f.seed()));
                writeEmbedding(f.result(), data, folder.resolve("embedding.csv"));
            }
        }
        List<String> fitWarnings = fitWarnings(result, training, restarts);
        List<String> notes = new ArrayList<>(result.notes());
        if (restarts != null) {
            err.println(restarts.describe());
            restarts.spareDimensions(config.sharedDim(), config.salientDim()).ifPresent(notes::add);
        }
        writeSummary(result, decision, onDisk != null ? onDisk.cellsRead() - data.background().cells()
                - data.target().cells() : prepared.dropped(), readWarnings, data, training, restarts, notes,
                fitWarnings);
        notes.forEach(n -> err.println("note: " + n));
        fitWarnings.forEach(w -> err.println("warning: " + w));
        err.println("wrote " + out.resolve("embedding.csv") + ", history.csv, model.cdgm, summary.json");
        return 0;
    }

    /** The seeds to fit: --seed S (default 42), or S..S+N-1 with --seeds N, as the Learner's restarts. */
    long[] seeds() {
        long first = fit.seed();
        if (seeds == null) {
            return new long[] {first};
        }
        if (seeds < 2) {
            throw Main.usageError(spec, "--seeds must be at least 2 (the seeds' agreement needs a pair), got " + seeds);
        }
        return java.util.stream.LongStream.range(first, first + seeds).toArray();
    }

    /** The Learner's training defaults for the mode, with the options given; the engine validates them. */
    TrainingSettings training() {
        return fit.training(spec);
    }

    private static void writeEmbedding(TrainingResult result, ContrastiveDataset data, Path file) throws IOException {
        int kz = result.model().config().sharedDim();
        int kt = result.model().config().salientDim();
        List<String> header = new ArrayList<>(List.of("cell", "condition"));
        for (int j = 1; j <= kz; j++) {
            header.add("shared_" + j);
        }
        for (int j = 1; j <= kt; j++) {
            header.add("salient_" + j);
        }
        CsvTable table = new CsvTable(header);
        for (CellSet set : List.of(data.background(), data.target())) {
            Embedding e = result.model().embed(set.matrix(), set.batchCodes());
            for (int i = 0; i < set.cells(); i++) {
                List<Object> row = new ArrayList<>(List.of(set.cellIds().get(i), set.condition().name().toLowerCase(Locale.ROOT)));
                for (double v : e.shared()[i]) {
                    row.add(v);
                }
                for (double v : e.salient()[i]) {
                    row.add(v);
                }
                table.add(row);
            }
        }
        table.write(file);
    }

    /**
     * What the user must know before reading the fit: a constraint that was not met (the salient space may be
     * squeezed) and, with several seeds, spaces that change from seed to seed.
     */
    public static List<String> fitWarnings(TrainingResult result, TrainingSettings training, SeedRestarts.Outcome restarts) {
        List<String> w = new ArrayList<>();
        if (training.mode().isConstrained() && !result.constraintMet()) {
            String raise = training.autoEpsilon() ? "set --epsilon (e.g. 0.3 on a CRISPR screen)"
                    : String.format(Locale.ROOT, "raise --epsilon above %.3g", training.epsilon());
            w.add(String.format(Locale.ROOT, "The constraint was %s at the kept epoch (final lambda %.3g): %s or "
                    + "train longer; the salient space may be squeezed.", result.constraint().describe(),
                    result.finalLambda(), raise));
        }
        if (restarts != null) {
            restarts.warning().ifPresent(w::add);
        }
        return w;
    }

    private void writeSummary(TrainingResult result, LikelihoodChoice.Decision decision, int cellsDropped,
                              List<String> readWarnings, ContrastiveDataset data, TrainingSettings training,
                              SeedRestarts.Outcome restarts, List<String> notes,
                              List<String> fitWarnings) throws IOException {
        ObjectNode s = FitRecord.summary(result, decision, cellsDropped, data, training);
        outOfCore.describe(spec, s);
        if (restarts != null) {
            s.put("chosen_seed", restarts.best().seed());
            s.put("shared_stability", restarts.sharedMcc());
            s.put("salient_stability", restarts.salientMcc());
            s.put("shared_stability_r2", restarts.sharedR2());
            s.put("salient_stability_r2", restarts.salientR2());
            FitRecord.number(s, "shared_stability_svcca", restarts.sharedSvcca());
            FitRecord.number(s, "salient_stability_svcca", restarts.salientSvcca());
            FitRecord.number(s, "shared_effective_dim", restarts.sharedDimension());
            FitRecord.number(s, "salient_effective_dim", restarts.salientDimension());
            ArrayNode each = s.putArray("seeds");
            for (SeedRestarts.Fit fit : restarts.fits()) {
                ObjectNode o = each.addObject();
                o.put("seed", fit.seed());
                FitRecord.number(o, "held_out_loss", fit.heldOutLoss());
                o.put("best_epoch", fit.result().bestEpoch());
                FitRecord.putVerdict(o, fit.result().constraint().asBoolean());
            }
        }
        FitRecord.writeSummary(s, notes, readWarnings, fitWarnings, out.resolve("summary.json"));
    }

    /** auto, gaussian, poisson, nb (or negative-binomial); a likelihood added later is its lower-case name with dashes. */
    public static final class LikelihoodConverter implements ITypeConverter<LikelihoodChoice> {
        @Override
        public LikelihoodChoice convert(String value) {
            String w = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            if (w.equals("auto")) {
                return LikelihoodChoice.AUTO;
            }
            for (Likelihood l : Likelihood.values()) {
                if (w.equals(word(l)) || w.equals(l.name().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                    return LikelihoodChoice.of(l);
                }
            }
            List<String> all = new ArrayList<>(List.of("auto"));
            java.util.Arrays.stream(Likelihood.values()).map(LikelihoodConverter::word).forEach(all::add);
            throw new TypeConversionException("'" + value + "' is not a likelihood: use "
                    + String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1));
        }

        public static String word(Likelihood l) {
            return l == Likelihood.NEGATIVE_BINOMIAL ? "nb" : l.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** classic, mo, co, mo+co; a mode added later is its lower-case name with dashes. */
    public static final class ModeConverter implements ITypeConverter<TrainingMode> {
        @Override
        public TrainingMode convert(String value) {
            for (TrainingMode m : TrainingMode.values()) {
                if (word(m).equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a training mode: use " + words());
        }

        /** "classic, mo, co or mo+co". */
        static String words() {
            List<String> all = java.util.Arrays.stream(TrainingMode.values()).map(ModeConverter::word).toList();
            return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
        }

        public static String word(TrainingMode m) {
            switch (m) {
                case CLASSIC:
                    return "classic";
                case MULTI_OBJECTIVE:
                    return "mo";
                case CONSTRAINED:
                    return "co";
                case MULTI_OBJECTIVE_CONSTRAINED:
                    return "mo+co";
                default:
                    return m.name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }
    }
}
