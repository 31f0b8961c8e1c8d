package org.cdgm.knime.nodes.learner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.LikelihoodChoice.Decision;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.plot.PlotSize;
import org.cdgm.engine.plot.TrainingHistoryPlot;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;
import org.cdgm.engine.tuning.SeedRestarts;
import org.cdgm.knime.EngineErrors;
import org.cdgm.knime.Nd4jStartup;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.port.ContrastiveModelPortObject;
import org.cdgm.knime.port.ContrastiveModelPortObjectSpec;
import org.cdgm.knime.port.PngPorts;
import org.cdgm.knime.settings.DataSelectionSettings.DataSelection;
import org.cdgm.knime.settings.ModelNodeSettings;
import org.cdgm.knime.table.CellTableWriter;
import org.cdgm.knime.table.ContrastiveTableReader;
import org.cdgm.knime.table.HistoryTable;
import org.cdgm.knime.table.KnimeTrainingMonitor;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeLogger;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.workflow.VariableType.BooleanType;

/**
 * Trains a contrastive VAE on the background and target rows of one table (classic, MO, CO or MO+CO); with
 * restarts, one per seed, keeping the fit with the lowest held-out loss and reporting how well the seeds agree.
 */
final class ContrastiveVaeLearnerNodeModel extends SettingsNodeModel<ContrastiveVaeLearnerNodeSettings> {
    private static final NodeLogger LOGGER = NodeLogger.getLogger(ContrastiveVaeLearnerNodeModel.class);

    ContrastiveVaeLearnerNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE},
                new PortType[] {ContrastiveModelPortObject.TYPE, BufferedDataTable.TYPE, ImagePortObject.TYPE},
                ContrastiveVaeLearnerNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec in = (DataTableSpec) inSpecs[0];
        DataSelection sel = settings.data.toSelection();
        LikelihoodChoice choice = settings.model.likelihoodChoice();
        settings.training.toTrainingSettings();
        settings.seeds();
        String batch = settings.batchColumn();
        if (CellTableWriter.genesChosenAtExecute(in).isPresent()) {
            // The reader picks the genes from the counts: the model's genes are known once it has run.
            ContrastiveTableReader.checkCondition(in, sel);
            ContrastiveTableReader.checkBatchColumn(in, batch);
            settings.sizes.check(settings.model, 1);
            return new PortObjectSpec[] {null, HistoryTable.spec(), PngPorts.spec()};
        }
        int[] genes = ContrastiveTableReader.geneColumns(in, sel, batch);
        settings.sizes.check(settings.model, genes.length);
        Optional<Decision> decided = choice.resolveBeforeData(ContrastiveTableReader.geneFacts(in, genes));
        List<String> names = ContrastiveTableReader.names(in, genes);
        ContrastiveModelPortObjectSpec model = decided.isPresent()
                ? new ContrastiveModelPortObjectSpec(settings.sizes.toModelConfig(settings.model, genes.length,
                        decided.get().likelihood()), names).withBatchColumn(batch)
                : new ContrastiveModelPortObjectSpec(settings.sizes.sharedSize(), settings.sizes.salientSize(), names,
                        ModelNodeSettings.AUTO_AT_EXECUTE).withBatchColumn(batch);
        return new PortObjectSpec[] {model, HistoryTable.spec(), PngPorts.spec()};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        BufferedDataTable table = (BufferedDataTable) inObjects[0];
        DataSelection sel = settings.data.toSelection();
        List<String> warnings = new ArrayList<>();
        ContrastiveDataset data = ContrastiveTableReader.read(table, sel, settings.batchColumn(),
                exec.createSubProgress(0.05), warnings::add);
        LikelihoodChoice choice = settings.model.likelihoodChoice();
        Decision likelihood = choice.resolve(data);
        LOGGER.info(likelihood.reason()); // the model's summary and spec show the likelihood used
        ModelConfig config = settings.sizes.toModelConfig(settings.model, data.geneCount(), likelihood.likelihood())
                .withBatchLevels(data.batchLevels());
        if (data.batch() != null) {
            LOGGER.info("Batch covariate " + data.batch().column() + ": " + String.join(", ", data.batch().levels()));
        }
        TrainingSettings training = settings.training.toTrainingSettings();
        long[] seeds = settings.seeds();
        Nd4jStartup.ensureStarted();
        // progress: SeedRestarts gives each seed its share of the bar ("Seed 2 of 3: ...")
        KnimeTrainingMonitor monitor = new KnimeTrainingMonitor(exec.createSubProgress(0.95));
        SeedRestarts.Outcome restarts = seeds.length == 1 ? null
                : EngineErrors.run(() -> SeedRestarts.run(config, training, data, seeds, monitor));
        TrainingResult result = restarts != null ? restarts.best().result()
                : EngineErrors.run(() -> new Trainer(config, training).fit(data, monitor));
        warnings.addAll(result.notes()); // e.g. a batch size lowered to a small data set
        if (training.mode().isConstrained()) {
            LOGGER.info("Constraint " + result.constraint().describe() + (training.autoEpsilon()
                    ? " (automatic epsilon, from the regulariser's noise floor " + String.format(Locale.ROOT, "%.3g",
                    result.constraint().noiseFloor()) + ")" : ""));
            if (!result.constraintMet()) {
                warnings.add("The constraint was " + result.constraint().describe() + " at the chosen epoch (final "
                        + "lambda " + String.format(Locale.ROOT, "%.3g", result.finalLambda()) + "): "
                        + (training.autoEpsilon() ? "switch 'Automatic epsilon' off and set a larger 'Epsilon'"
                                : "raise 'Epsilon'") + " or train longer; the salient space may be squeezed");
            }
        }
        if (restarts != null) {
            LOGGER.info(restarts.describe());
            restarts.warning().ifPresent(warnings::add);
            restarts.spareDimensions(config.sharedDim(), config.salientDim()).ifPresent(warnings::add);
        }
        if (!warnings.isEmpty()) {
            setWarningMessage(String.join("\n", warnings));
        }
        pushResultVariables(result, likelihood.likelihood(), training.mode().isConstrained());
        pushRestartVariables(restarts, seeds[0]);
        byte[] picture = TrainingHistoryPlot.render(result, result.constraint().epsilon(), PlotSize.DEFAULT);
        return new PortObject[] {new ContrastiveModelPortObject(result.model()),
            HistoryTable.write(result.history(), exec), PngPorts.of(picture)};
    }

    /**
     * The fit's key numbers as flow variables (e.g. for IF Switch); constrained modes add lambda, epsilon and the
     * constraint's verdict.
     */
    private void pushResultVariables(TrainingResult result, Likelihood likelihood, boolean constrained) {
        EpochReport last = result.history().get(result.history().size() - 1);
        pushFlowVariableInt("cdgm_best_epoch", result.bestEpoch());
        pushFlowVariableInt("cdgm_epochs_trained", result.history().size());
        pushFlowVariableDouble("cdgm_final_train_background_loss", last.trainBackgroundLoss());
        pushFlowVariableDouble("cdgm_final_train_target_loss", last.trainTargetLoss());
        pushFlowVariableDouble("cdgm_final_validation_background_loss", last.validationBackgroundLoss());
        pushFlowVariableDouble("cdgm_final_validation_target_loss", last.validationTargetLoss());
        pushFlowVariableString("cdgm_likelihood", likelihood.name());
        if (constrained) {
            pushFlowVariableDouble("cdgm_final_lambda", result.finalLambda());
            pushFlowVariable("cdgm_constraint_met", BooleanType.INSTANCE, result.constraintMet());
            pushFlowVariableDouble("cdgm_epsilon", result.constraint().epsilon());
        }
    }

    /**
     * How many seeds were fitted and which was kept; with restarts, the seeds' agreement (mean pairwise MCC, affine
     * R^2 and SVCCA of the shared space of all cells and the salient space of the target cells) and the kept fit's
     * effective dimensions.
     */
    private void pushRestartVariables(SeedRestarts.Outcome restarts, long seed) {
        pushFlowVariableInt("cdgm_restarts", restarts == null ? 1 : restarts.fits().size());
        pushFlowVariableInt("cdgm_chosen_seed", (int) (restarts == null ? seed : restarts.best().seed()));
        if (restarts != null) {
            pushFlowVariableDouble("cdgm_shared_stability", restarts.sharedMcc());
            pushFlowVariableDouble("cdgm_salient_stability", restarts.salientMcc());
            pushFlowVariableDouble("cdgm_shared_stability_r2", restarts.sharedR2());
            pushFlowVariableDouble("cdgm_salient_stability_r2", restarts.salientR2());
            pushFlowVariableDouble("cdgm_shared_stability_svcca", restarts.sharedSvcca());
            pushFlowVariableDouble("cdgm_salient_stability_svcca", restarts.salientSvcca());
            pushFlowVariableDouble("cdgm_shared_effective_dim", restarts.sharedDimension());
            pushFlowVariableDouble("cdgm_salient_effective_dim", restarts.salientDimension());
        }
    }
}
