package org.cdgm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cdgm.cli.report.CsvTable;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.io.AtomicFiles;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;

/**
 * What a fit leaves for pipelines besides the model and the embedding: {@code history.csv} and the keys of
 * {@code summary.json} that every fit has, written alike by {@code cdgm fit} and the Spark driver
 * ({@code org.cdgm.spark.SparkFit}), which add their own keys (seeds, out-of-core reading, partitions).
 */
public final class FitRecord {
    private FitRecord() {
    }

    /** One row per epoch: training and validation losses (nats per cell), regulariser, MGDA alpha, lambda, seconds. */
    public static void writeHistory(List<EpochReport> history, Path file) throws IOException {
        CsvTable table = new CsvTable(List.of("epoch", "train_background_loss", "train_target_loss",
                "train_regulariser", "validation_background_loss", "validation_target_loss", "validation_regulariser",
                "mean_alpha", "lambda", "seconds"));
        for (EpochReport e : history) {
            table.add(List.of(e.epoch(), e.trainBackgroundLoss(), e.trainTargetLoss(), e.trainRegulariser(),
                    e.validationBackgroundLoss(), e.validationTargetLoss(), e.validationRegulariser(), e.meanAlpha(),
                    e.lambda(), e.seconds()));
        }
        table.write(file);
    }

    /**
     * The summary's common keys: mode and likelihood (in the options' words), best epoch, the constraint's verdict
     * (true / false / null when not measured), lambda and epsilon, the training settings used, seed, latent sizes,
     * cells, genes and the batch covariate.
     *
     * @param cellsDropped cells read but left out (no condition, filters)
     */
    public static ObjectNode summary(TrainingResult result, LikelihoodChoice.Decision decision, int cellsDropped,
                                     ContrastiveDataset data, TrainingSettings training) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("mode", FitCommand.ModeConverter.word(training.mode()));
        s.put("likelihood", FitCommand.LikelihoodConverter.word(decision.likelihood()));
        s.put("likelihood_reason", decision.reason());
        s.put("best_epoch", result.bestEpoch());
        s.put("epochs_trained", result.history().size());
        s.put("stopped_early", result.stoppedEarly());
        putVerdict(s, result.constraint().asBoolean());
        if (training.mode().isConstrained()) {
            s.put("final_lambda", result.finalLambda());
            number(s, "epsilon", result.constraint().epsilon());
            s.put("epsilon_auto", training.autoEpsilon());
            s.put("constraint", result.constraint().describe());
            number(s, "regulariser_at_best_epoch", result.constraint().regulariser());
            number(s, "regulariser_standard_error", result.constraint().standardError());
            number(s, "regulariser_noise_floor", result.constraint().noiseFloor());
        } else {
            s.putNull("final_lambda");
            s.putNull("epsilon");
            s.putNull("epsilon_auto");
        }
        ObjectNode used = s.putObject("training");
        used.put("regulariser", training.regulariser().name().toLowerCase(Locale.ROOT));
        if (training.mode().isConstrained()) {
            if (training.autoEpsilon()) {
                used.put("epsilon", "auto");
            } else {
                used.put("epsilon", training.epsilon());
            }
        } else {
            used.put("penalty_weight", training.penaltyWeight());
        }
        used.put("epochs", training.epochs());
        TrainingSettings ran = result.model().provenance().settingsAs(TrainingSettings.class);
        used.put("batch_size", ran.batchSize()); // lowered to the smaller training set when that has fewer cells
        used.put("learning_rate", training.learningRate());
        used.put("warmup_epochs", training.warmupEpochs());
        used.put("kl_warmup_epochs", training.klWarmupEpochs());
        used.put("gradient_clip", training.gradientClip());
        used.put("validation_fraction", training.validationFraction());
        used.put("patience", training.patience());
        // the count the steps ran on ("auto" resolved): a fit is reproducible for a given count
        used.put("threads", ran.threads());
        s.put("seed", training.seed());
        s.put("shared_dim", result.model().config().sharedDim());
        s.put("salient_dim", result.model().config().salientDim());
        s.put("background_cells", data.background().cells());
        s.put("target_cells", data.target().cells());
        s.put("cells_dropped", cellsDropped);
        s.put("genes", data.geneCount());
        if (data.batch() == null) {
            s.putNull("batch_column");
            s.putArray("batch_levels");
        } else {
            s.put("batch_column", data.batch().column());
            ArrayNode levels = s.putArray("batch_levels");
            data.batch().levels().forEach(levels::add);
        }
        return s;
    }

    /** Adds the fit's notes and the warnings (of reading, then of the fit) and writes the summary atomically. */
    public static void writeSummary(ObjectNode s, List<String> notes, List<String> readWarnings,
                                    List<String> fitWarnings, Path file) throws IOException {
        ArrayNode n = s.putArray("notes");
        notes.forEach(n::add);
        ArrayNode w = s.putArray("warnings");
        readWarnings.forEach(w::add);
        fitWarnings.forEach(w::add);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s);
        AtomicFiles.write(file, out -> out.write(json + "\n"));
    }

    /** "constraint_satisfied": true, false, or null when nothing was measured. */
    static void putVerdict(ObjectNode o, Boolean met) {
        if (met == null) {
            o.putNull("constraint_satisfied");
        } else {
            o.put("constraint_satisfied", met);
        }
    }

    /** A number, or null where it is not finite (JSON has no NaN). */
    static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
