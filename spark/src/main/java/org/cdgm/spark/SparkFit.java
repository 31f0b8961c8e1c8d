package org.cdgm.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.cdgm.cli.FitCommand;
import org.cdgm.cli.FitOptions;
import org.cdgm.cli.Main;
import org.cdgm.cli.ReadOptions;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.io.H5adOutOfCore;
import org.cdgm.engine.io.MatrixFiles;
import org.cdgm.engine.io.MatrixReadRequest;
import org.cdgm.engine.io.ModelFile;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.preprocess.CellPreparation;
import org.cdgm.engine.preprocess.PreparationSettings;
import org.cdgm.engine.runtime.Nd4jRuntime;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spark-submit --class org.cdgm.spark.SparkFit cdgm-spark-assembly.jar INPUT [options of cdgm fit] --out
 * DIR}: the fit of {@code cdgm fit}, its network's passes spread over a Spark cluster (docs/spark.md). Writes
 * model.cdgm, history.csv and summary.json into --out on the driver.
 */
@Command(name = "cdgm-spark-fit", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Train a contrastive VAE with its forward and backward passes spread over a Spark cluster.",
        description = {"Reads and prepares the cells as 'cdgm fit' does (same options) on the driver and spreads "
                + "them over --partitions partitions, or, with --read-on-executors, lets each executor read its "
                + "cells of an .h5ad file itself. The driver runs the training plan; with the same seed the model "
                + "equals the one 'cdgm fit --threads 1' trains, up to the order of sums over cells."},
        footer = {"", "Output (in --out): model.cdgm, history.csv (per epoch), summary.json.", "",
                "Example:", "  spark-submit --master yarn --num-executors 8 --executor-cores 4 "
                + "--class org.cdgm.spark.SparkFit \\", "      spark/target/cdgm-spark-assembly.jar cells.h5ad "
                + "--condition-column condition --background control --partitions 32 --batch-size 8192 --out fit1"})
public final class SparkFit implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ReadOptions read;

    @Mixin
    FitOptions fit;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions the cells are spread over (default: Spark's default parallelism, the "
                    + "executors' cores). A step costs two Spark jobs over all of them.")
    Integer partitions;

    @Option(names = "--read-on-executors",
            description = "For an .h5ad file on a path every executor sees: each executor reads its cells itself "
                    + "(cells as stored, as cdgm fit --memory-budget: no filtering, no batch covariate); the driver "
                    + "reads obs only (and streams the values once to decide --likelihood auto).")
    boolean readOnExecutors;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to write into.")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkFit()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        MatrixReadRequest request = read.request(spec);
        PreparationSettings preparation = read.settings(spec);
        if (preparation.conditionColumn() == null) {
            throw Main.usageError(spec, "the fit needs --condition-column and --background");
        }
        TrainingSettings training = fit.training(spec);
        Nd4jRuntime.initialise(null);
        var err = spec.commandLine().getErr();
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("cdgm fit "
                + request.path().getFileName()));
        try {
            int parts = partitions != null ? partitions : sc.defaultParallelism();
            ContrastiveDataset data;
            H5adOutOfCore onDisk = null;
            SparkCells cells;
            if (readOnExecutors) {
                if (preparation.batchColumn() != null) {
                    throw Main.usageError(spec, "--read-on-executors uses the cells as stored: no --batch-column");
                }
                onDisk = H5adOutOfCore.open(request.path(), request.layer(), preparation.conditionColumn(),
                        preparation.backgroundValues(), preparation.targetValues(), 2048, 64L << 20);
                data = onDisk.dataset();
                cells = SparkCells.readH5ad(sc, request.path(), request.layer(), preparation.conditionColumn(),
                        preparation.backgroundValues(), preparation.targetValues(), parts);
            } else {
                var prepared = CellPreparation.prepare(MatrixFiles.read(request), preparation);
                prepared.warnings().forEach(w -> err.println("warning: " + w));
                data = prepared.dataset();
                cells = SparkCells.distribute(sc, data, parts);
            }
            LikelihoodChoice.Decision decision = fit.likelihood.resolve(data);
            ModelConfig config = fit.config(spec, data, decision);
            err.println(decision.reason());
            err.printf(Locale.ROOT, "%d background and %d target cells over %d partitions%n",
                    data.background().cells(), data.target().cells(), parts);
            TrainingResult result;
            try (SparkCells c = cells) {
                result = new Trainer(config, training).fit(c, new TrainingMonitor() {
                    @Override
                    public void onEpoch(EpochReport e) {
                        err.printf(Locale.ROOT, "epoch %d: target loss %.4g, background loss %.4g (%.1f s)%n",
                                e.epoch(), e.trainTargetLoss(), e.trainBackgroundLoss(), e.seconds());
                    }
                });
            } finally {
                if (onDisk != null) {
                    onDisk.close();
                }
            }
            Files.createDirectories(out);
            ModelFile.save(result.model().withSource(request.path().getFileName().toString()),
                    out.resolve("model.cdgm"));
            writeHistory(result.history());
            writeSummary(result, decision, data, training, parts);
            result.notes().forEach(n -> err.println("note: " + n));
            FitCommand.fitWarnings(result, training, null).forEach(w -> err.println("warning: " + w));
            err.println("wrote " + out.resolve("model.cdgm") + ", history.csv, summary.json");
            return 0;
        } finally {
            sc.stop();
        }
    }

    private void writeHistory(List<EpochReport> history) throws IOException {
        CsvTable table = new CsvTable(List.of("epoch", "train_background_loss", "train_target_loss",
                "train_regulariser", "validation_background_loss", "validation_target_loss", "validation_regulariser",
                "mean_alpha", "lambda", "seconds"));
        for (EpochReport e : history) {
            table.add(List.of(e.epoch(), e.trainBackgroundLoss(), e.trainTargetLoss(), e.trainRegulariser(),
                    e.validationBackgroundLoss(), e.validationTargetLoss(), e.validationRegulariser(), e.meanAlpha(),
                    e.lambda(), e.seconds()));
        }
        table.write(out.resolve("history.csv"));
    }

    private void writeSummary(TrainingResult result, LikelihoodChoice.Decision decision, ContrastiveDataset data,
                              TrainingSettings training, int parts) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode s = json.createObjectNode();
        s.put("mode", training.mode().name());
        s.put("likelihood", decision.likelihood().name());
        s.put("best_epoch", result.bestEpoch());
        s.put("epochs_trained", result.history().size());
        s.put("constraint", result.constraint().describe());
        s.put("final_lambda", result.finalLambda());
        s.put("seed", training.seed());
        s.put("batch_size", training.batchSize());
        s.put("background_cells", data.background().cells());
        s.put("target_cells", data.target().cells());
        s.put("genes", data.geneCount());
        // the fit's numbers depend on how the cells are partitioned (the order of the gradients' sums)
        s.put("partitions", parts);
        s.put("read_on_executors", readOnExecutors);
        s.putPOJO("notes", result.notes());
        json.writeValue(out.resolve("summary.json").toFile(), s);
    }
}
