package org.cdgm.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.cdgm.cli.FitCommand;
import org.cdgm.cli.FitRecord;
import org.cdgm.cli.FitOptions;
import org.cdgm.cli.Main;
import org.cdgm.cli.OutputCommand;
import org.cdgm.cli.OutputFolder;
import org.cdgm.cli.ReadOptions;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.io.DataFileException;
import org.cdgm.engine.io.H5adOutOfCore;
import org.cdgm.engine.io.MatrixFiles;
import org.cdgm.engine.io.MatrixFormat;
import org.cdgm.engine.io.MatrixReadRequest;
import org.cdgm.engine.io.ModelFile;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.ModelProvenance;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.engine.preprocess.CellPreparation;
import org.cdgm.engine.preprocess.PreparationSettings;
import org.cdgm.engine.preprocess.PreparedCells;
import org.cdgm.engine.runtime.Nd4jRuntime;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spark-submit --class org.cdgm.spark.SparkFit cdgm-spark-assembly.jar INPUT [options of cdgm fit] --out
 * DIR}: the fit of {@code cdgm fit}, its network's passes spread over a Spark cluster (docs/spark.md). Writes
 * embedding.csv, history.csv, model.cdgm and summary.json into --out on the driver. Errors are reported as
 * {@code ./cdgm} reports them: one {@code error: ...} line on stderr, exit status 2 for wrong usage and 1 for data
 * that cannot be read or used; the input and the options are checked before Spark starts.
 */
@Command(name = "spark-submit --class org.cdgm.spark.SparkFit cdgm-spark-assembly.jar", sortOptions = false,
        header = "Train a contrastive VAE with its forward and backward passes spread over a Spark cluster.",
        description = {"Reads and prepares the cells as 'cdgm fit' does (same options) on the driver and spreads "
                + "them over --partitions partitions, or, with --read-on-executors, lets each executor read its "
                + "cells of an .h5ad file itself. The driver runs the training plan; with the same seed the model "
                + "equals the one 'cdgm fit --threads 1' trains, up to the order of sums over cells. The Spark "
                + "master is spark-submit's --master (the spark.master property)."},
        footer = {"", "Output (in --out): embedding.csv (cell, condition, shared_1..k_z, salient_1..k_t: every "
                + "cell's encoder means, encoded on the executors), history.csv (per epoch), model.cdgm, "
                + "summary.json (with the partition count, which the fit's last digits depend on).", "",
                "Exit status: 0 success, 1 the data could not be read, used or fitted, 2 wrong usage; errors are one "
                        + "'error: ...' line on stderr.", "",
                "Example:",
                "  spark-submit --master yarn --num-executors 8 --executor-cores 4 \\",
                "      --conf spark.executorEnv.OMP_NUM_THREADS=1 \\",
                "      --class org.cdgm.spark.SparkFit spark/target/cdgm-spark-assembly.jar \\",
                "      cells.h5ad --condition-column condition --background control \\",
                "      --partitions 32 --batch-size 8192 --out fit1"})
public final class SparkFit extends OutputCommand {
    /** Provenance entries a Spark fit adds to the model file (its fixed fields and format are the engine's). */
    static final String PROVENANCE_PARTITIONS = "spark.partitions";
    static final String PROVENANCE_CELLS_READ_ON = "spark.cellsReadOn";

    @Spec
    CommandSpec spec;

    @Mixin
    ReadOptions read;

    @Mixin
    FitOptions fit;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions the cells are spread over, each holding cells of both conditions (default: "
                    + "Spark's default parallelism, the executors' cores, at most the cells of the smaller "
                    + "condition). A step costs two Spark jobs over all of them.")
    Integer partitions;

    @Option(names = "--read-on-executors",
            description = "For an .h5ad file on a path every executor sees: each executor reads its cells itself "
                    + "(cells and genes as stored, as cdgm fit --memory-budget: no filters, no --top-genes "
                    + "selection, no --metadata or --batch-column); the driver reads obs only (and streams the "
                    + "values once to decide --likelihood auto).")
    boolean readOnExecutors;

    public static void main(String[] args) {
        Main.exit(SparkFit::run, args);
    }

    /**
     * Runs the fit in this JVM, as the driver. The Spark master comes from the {@code spark.master} property
     * (spark-submit sets it; a test sets {@code local[2]}).
     *
     * @return the exit status: 0, 1 ({@link Main#FAILURE}: data that cannot be read or used, a failed fit) or 2
     *         ({@link Main#USAGE}: wrong options, no Spark master)
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cmd = new CommandLine(new SparkFit());
        cmd.setExpandAtFiles(false); // an input path may start with '@'
        hide(cmd.getCommandSpec(), "--threads"); // cdgm fit's option, refused here (a partition is one task)
        cmd.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + Main.flatten(ex.getMessage()) + " (see '"
                    + ex.getCommandLine().getCommandName() + " --help')");
            return Main.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, failed, parsed) -> {
            failed.getErr().println("error: " + describe(ex));
            return Main.FAILURE;
        });
        return Main.execute(cmd, args, out, err, SparkFit::describe);
    }

    @Override
    public Integer call() throws Exception {
        MatrixReadRequest request = read.request(spec);
        PreparationSettings preparation = read.settings(spec);
        if (preparation.conditionColumn() == null) {
            throw Main.usageError(spec, "the fit needs --condition-column and --background: which cells are the "
                    + "control (background) and which the perturbed (target)");
        }
        if (partitions != null && partitions < 1) {
            throw Main.usageError(spec, "--partitions must be at least 1, got " + partitions);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--threads")) {
            throw Main.usageError(spec, "--threads does not apply to a Spark fit: each partition's share of a step "
                    + "runs on one task thread (set the parallelism with --partitions and the executors' cores)");
        }
        TrainingSettings training = fit.training(spec);
        SparkConf conf = new SparkConf(); // spark.* system properties: spark-submit's --master and --conf
        if (!conf.contains("spark.master")) {
            throw Main.usageError(spec, "no Spark master: run it with spark-submit --master ... (or set the "
                    + "spark.master property, e.g. -Dspark.master=local[4])");
        }
        if (readOnExecutors) {
            requireCellsAsStored(request, preparation);
        }
        var err = spec.commandLine().getErr();
        // read (and check) the cells before Spark starts: a wrong file or value costs no cluster
        H5adOutOfCore onDisk = null;
        try {
            ContrastiveDataset data;
            List<String> readWarnings;
            int dropped;
            if (readOnExecutors) {
                try {
                    onDisk = H5adOutOfCore.open(request.path(), request.layer(), preparation.conditionColumn(),
                            preparation.backgroundValues(), preparation.targetValues(), 2048, 64L << 20);
                } catch (DataFileException e) {
                    if (e.getMessage() != null && e.getMessage().contains("HDF5 chunks")) { // anndata's default
                        throw new DataFileException(e.getMessage() + " (here: leave out --read-on-executors, and the "
                                + "driver reads the file whole)", e);
                    }
                    throw e;
                }
                data = onDisk.dataset();
                requireGenesAsStored(request, preparation, data.geneCount());
                readWarnings = onDisk.warnings();
                dropped = onDisk.cellsRead() - data.background().cells() - data.target().cells();
            } else {
                PreparedCells prepared = CellPreparation.prepare(MatrixFiles.read(request), preparation);
                data = prepared.dataset();
                readWarnings = prepared.warnings();
                dropped = prepared.dropped();
            }
            int most = Math.min(data.background().cells(), data.target().cells());
            if (partitions != null && partitions > most) {
                throw Main.usageError(spec, "--partitions " + partitions + " is more than the " + most + " "
                        + (most == data.background().cells() ? "background" : "target") + " cells: every partition "
                        + "holds cells of both conditions; use at most " + most);
            }
            readWarnings.forEach(w -> err.println("warning: " + w));
            LikelihoodChoice.Decision decision = fit.likelihood.resolve(data);
            ModelConfig config = fit.config(spec, data, decision);
            OutputFolder folder = OutputFolder.prepare(spec, out);
            Nd4jRuntime.initialise(null);
            err.println(decision.reason());
            JavaSparkContext sc = new JavaSparkContext(conf.setAppName("cdgm fit " + request.path().getFileName()));
            try {
                int parts = partitions != null ? partitions : Math.min(sc.defaultParallelism(), most);
                err.printf(Locale.ROOT, "%d background and %d target cells over %d partitions%n",
                        data.background().cells(), data.target().cells(), parts);
                try (SparkCells cells = readOnExecutors
                        ? SparkCells.readH5ad(sc, request.path(), request.layer(), preparation.conditionColumn(),
                        preparation.backgroundValues(), preparation.targetValues(), parts)
                        : SparkCells.distribute(sc, data, parts)) {
                    TrainingResult result = new Trainer(config, training).fit(cells, new TrainingMonitor() {
                        @Override
                        public void onEpoch(EpochReport e) {
                            err.printf(Locale.ROOT, "epoch %d: target loss %.4g, background loss %.4g (%.1f s)%n",
                                    e.epoch(), e.trainTargetLoss(), e.trainBackgroundLoss(), e.seconds());
                        }
                    });
                    TrainedModel model = withSparkProvenance(
                            result.model().withSource(request.path().getFileName().toString()), parts,
                            readOnExecutors);
                    SparkEmbedding.write(cells, model, out.resolve("embedding.csv"));
                    FitRecord.writeHistory(result.history(), out.resolve("history.csv"));
                    ModelFile.save(model, out.resolve("model.cdgm"));
                    List<String> fitWarnings = FitCommand.fitWarnings(result, training, null);
                    writeSummary(result, decision, data, training, parts, dropped, readWarnings, fitWarnings);
                    result.notes().forEach(n -> err.println("note: " + n));
                    fitWarnings.forEach(w -> err.println("warning: " + w));
                }
                err.println("wrote " + out.resolve("embedding.csv") + ", history.csv, model.cdgm, summary.json");
                return 0;
            } finally {
                sc.stop();
                folder.removeIfUnused(); // a failure before anything was written leaves no empty --out behind
            }
        } finally {
            if (onDisk != null) {
                onDisk.close();
            }
        }
    }

    /** --read-on-executors takes an .h5ad's cells as stored: options that change them are a usage error. */
    private void requireCellsAsStored(MatrixReadRequest r, PreparationSettings p) throws DataFileException {
        if (r.format().resolve(r.path()) != MatrixFormat.H5AD) {
            throw Main.usageError(spec, "--read-on-executors reads .h5ad files only, not " + r.path());
        }
        if (r.metadataFile() != null || p.batchColumn() != null || p.minCellsPerGene() > 0 || p.minCountsPerCell() > 0
                || !r.featureTypes().isEmpty()) {
            throw Main.usageError(spec, "--read-on-executors uses the cells as stored: it cannot be combined with "
                    + "--metadata, --batch-column, --min-cells-per-gene, --min-counts-per-cell or --feature-types");
        }
    }

    /** As {@code cdgm fit --memory-budget}: no silent --top-genes on a file with more genes. */
    private void requireGenesAsStored(MatrixReadRequest r, PreparationSettings p, int genes) {
        int top = p.topGenes();
        if (top > 0 && genes > top) {
            throw Main.usageError(spec, r.path() + " has " + genes + " genes: --top-genes " + top + " would select "
                    + "genes, which needs every cell on the driver; select them beforehand or pass --top-genes 0");
        }
    }

    /**
     * The model with how it was trained added to its provenance's further entries: the partition count (the
     * fit's last digits depend on it; the settings' thread count is 1, each partition's share running on one task
     * thread) and who read the cells. The model file's format is unchanged (such entries load back into
     * {@link ModelProvenance#other()}).
     */
    static TrainedModel withSparkProvenance(TrainedModel m, int partitions, boolean readOnExecutors) {
        ModelProvenance p = m.provenance();
        Map<String, String> other = new LinkedHashMap<>(p.other());
        other.put(PROVENANCE_PARTITIONS, Integer.toString(partitions));
        other.put(PROVENANCE_CELLS_READ_ON, readOnExecutors ? "executors" : "driver");
        return m.withProvenance(new ModelProvenance(p.created(), p.engineVersion(), p.nd4jVersion(),
                p.javaVersion(), p.os(), p.sourceFile(), p.geneListSha256(), p.backgroundCells(), p.targetCells(),
                p.trainingSettings(), p.modelConfig(), p.regulariser(), p.bestEpoch(), p.epochsRun(),
                p.constraint(), p.threads(), other));
    }

    /** cdgm fit's summary keys (FitRecord), plus how the cells were spread. */
    private void writeSummary(TrainingResult result, LikelihoodChoice.Decision decision, ContrastiveDataset data,
                              TrainingSettings training, int parts, int dropped, List<String> readWarnings,
                              List<String> fitWarnings) throws IOException {
        ObjectNode s = FitRecord.summary(result, decision, dropped, data, training);
        // the fit's numbers depend on how the cells are partitioned (the order of the gradients' sums)
        s.put("partitions", parts);
        s.put("read_on_executors", readOnExecutors);
        FitRecord.writeSummary(s, result.notes(), readWarnings, fitWarnings, out.resolve("summary.json"));
    }

    /** Keeps a shared option parseable (so that it can be refused with a reason) but out of the help. */
    private static void hide(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        spec.remove(option);
        spec.addOption(OptionSpec.builder(option).hidden(true).build());
    }

    /**
     * A failure in one line, as {@code ./cdgm} words it: the engine's message for data errors, the file for
     * missing ones; a failed Spark job by its first line (which names the task's exception), without the
     * executor's stack trace that Spark appends.
     */
    static String describe(Throwable t) {
        String msg = t.getMessage() == null || t.getMessage().isBlank() ? null : t.getMessage().strip();
        if (t instanceof SparkException && msg != null) {
            return "the Spark job failed: " + Main.flatten(msg.lines().findFirst().orElse(msg));
        }
        return Main.describe(t, "give the driver more with spark-submit --driver-memory");
    }
}
