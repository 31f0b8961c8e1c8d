package org.cdgm.cli.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.cdgm.cli.FitCommand;
import org.cdgm.cli.FitOptions;
import org.cdgm.cli.Main;
import org.cdgm.cli.OutputCommand;
import org.cdgm.cli.OutputFolder;
import org.cdgm.cli.ReadOptions;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DatasetValidator;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.MatrixFiles;
import org.cdgm.engine.io.MatrixReadRequest;
import org.cdgm.engine.io.ModelFile;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.Posterior;
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

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code cdgm genes}, {@code de} and {@code effects} share: read and prepare the cells as {@code cdgm fit}
 * does, fit a model with fit's options or load one ({@code --model}), and encode every cell; the subclass then
 * analyses the model and writes into {@code --out}.
 */
abstract class AnalysisCommand extends OutputCommand {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    ReadOptions read;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A model saved by 'cdgm fit' (model.cdgm), a Spark fit or KNIME's Contrastive Model "
                    + "Writer, to analyse instead of fitting a new one; the data must have the model's genes (by "
                    + "name).")
    Path model;

    @Mixin
    FitOptions fit;

    /**
     * The prepared cells, the model, every cell's posterior and, for a model with a batch covariate, every cell's
     * batch level (null otherwise), background and target.
     */
    record Encoded(PreparedCells prepared, ContrastiveDataset data, TrainedModel model, Posterior background,
                   Posterior target, int[] backgroundBatches, int[] targetBatches) {
    }

    @Override
    public final Integer call() throws Exception {
        checkOptions();
        if (model != null) {
            refuseFitOptions();
        }
        var request = read.request(spec);
        var preparation = read.settings(spec);
        if (preparation.conditionColumn() == null) {
            throw Main.usageError(spec, spec.name() + " needs --condition-column and --background: which cells are "
                    + "the control (background) and which the perturbed (target)");
        }
        TrainingSettings training = model == null ? fit.training(spec) : null;
        OutputFolder folder = OutputFolder.prepare(spec, out);
        try {
            return encodeAndAnalyse(request, preparation, training);
        } finally {
            folder.removeIfUnused(); // a failure before anything was written leaves no empty --out behind
        }
    }

    /** Reads and prepares the cells, fits (or loads) the model, encodes the cells and runs the analysis. */
    private int encodeAndAnalyse(MatrixReadRequest request, PreparationSettings preparation,
                                 TrainingSettings training) throws Exception {
        var err = spec.commandLine().getErr();
        PreparedCells prepared = CellPreparation.prepare(MatrixFiles.read(request), preparation);
        prepared.warnings().forEach(w -> err.println("warning: " + w));
        checkData(prepared);
        Nd4jRuntime.initialise(null);
        TrainedModel trained;
        if (model != null) {
            trained = ModelFile.load(model);
            prepared = prepared.withGenes(trained.genes(), "the model " + model.getFileName());
            if (!batchColumnIsStrata() && prepared.batch() != null && (!trained.hasBatchCovariate()
                    || !trained.batch().column().equals(prepared.batch().column()))) {
                throw Main.usageError(spec, "--batch-column " + prepared.batch().column() + " has no effect with "
                        + "--model: the model was trained " + (trained.hasBatchCovariate() ? "with the batch column "
                        + trained.batch().column() + ", which it reads itself" : "without a batch column"));
            }
            checkModel(trained, prepared);
            for (var set : java.util.List.of(prepared.dataset().background(), prepared.dataset().target())) {
                DatasetValidator.checkValues(set, trained.genes(), trained.config().likelihood().valueDomain());
            }
        } else {
            checkModel(null, prepared);
            trained = fitModel(prepared.dataset(), training, request.path().getFileName().toString());
        }
        ContrastiveDataset data = prepared.dataset();
        err.println("encoding " + data.background().cells() + " background and " + data.target().cells()
                + " target cells");
        int[] bgCodes = batchCodes(trained, prepared, Condition.BACKGROUND);
        int[] tgCodes = batchCodes(trained, prepared, Condition.TARGET);
        Encoded encoded = new Encoded(prepared, data, trained, trained.posterior(data.background().matrix(), bgCodes),
                trained.posterior(data.target().matrix(), tgCodes), bgCodes, tgCodes);
        analyse(encoded);
        return 0;
    }

    /**
     * The cells' batch levels for a model with a batch covariate, read from the model's batch column; null for a
     * model without one.
     */
    private static int[] batchCodes(TrainedModel model, PreparedCells prepared, Condition condition) {
        if (!model.hasBatchCovariate()) {
            return null;
        }
        return model.batchCodes(java.util.Arrays.asList(prepared.column(model.batch().column(), condition)));
    }

    /**
     * The replicate (batch) of each cell of one condition, which permutation tests stay within: --batch-column's
     * values, else those of the model's batch column, else null.
     */
    static String[] strata(Encoded e, Condition condition) {
        if (e.prepared().batch() != null) {
            return e.prepared().column(e.prepared().batch().column(), condition);
        }
        return e.model().hasBatchCovariate() ? e.prepared().column(e.model().batch().column(), condition) : null;
    }

    /** Option checks beyond picocli's, before anything is read: throw {@link Main#usageError}. */
    void checkOptions() {
    }

    /** Checks of the prepared cells before any fit (e.g. that a label column exists). */
    void checkData(PreparedCells prepared) {
    }

    /**
     * Checks that need the model's genes or batch column, before anything is fitted or written: with --model the
     * loaded model, else null (the model to be fitted will have the prepared cells' genes).
     */
    void checkModel(TrainedModel loaded, PreparedCells prepared) {
    }

    /**
     * Whether --batch-column may name replicates for the permutation tests only (effects), apart from a loaded
     * model's batch covariate; elsewhere it means the covariate and must be the model's.
     */
    boolean batchColumnIsStrata() {
        return true;
    }

    /** The options of FitOptions mean nothing for a model that is already trained: say so rather than ignore them. */
    private void refuseFitOptions() {
        var parsed = spec.commandLine().getParseResult();
        for (var option : spec.mixins().get("fit").options()) {
            if (parsed.hasMatchedOption(option.longestName())) {
                throw Main.usageError(spec, option.longestName() + " has no effect with --model: the model is "
                        + "already trained (leave out --model to fit a new one)");
            }
        }
    }

    /** The metadata column an option names, for the prepared cells of one condition; an unknown one is named. */
    static String[] column(PreparedCells prepared, String option, String name, Condition condition) {
        try {
            return prepared.column(name, condition);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(option + ": " + e.getMessage());
        }
    }

    /** Analyses the encoded cells and writes the results into {@link #out}. */
    abstract void analyse(Encoded encoded) throws IOException;

    private TrainedModel fitModel(ContrastiveDataset data, TrainingSettings training, String source)
            throws IOException {
        var err = spec.commandLine().getErr();
        LikelihoodChoice.Decision decision = fit.likelihood.resolve(data);
        ModelConfig config = fit.config(spec, data, decision);
        err.println(decision.reason());
        TrainingResult result = new Trainer(config, training).fit(data, new TrainingMonitor() {
            @Override
            public void onEpoch(EpochReport e) {
                err.printf(Locale.ROOT, "epoch %d: target loss %.4g, background loss %.4g%n", e.epoch(),
                        e.trainTargetLoss(), e.trainBackgroundLoss());
            }
        });
        result.notes().forEach(n -> err.println("note: " + n));
        FitCommand.fitWarnings(result, training, null).forEach(w -> err.println("warning: " + w));
        Path file = out.resolve("model.cdgm");
        ModelFile.save(result.model().withSource(source), file);
        err.println("wrote " + file + " (reuse it with --model)");
        return result.model();
    }
}
