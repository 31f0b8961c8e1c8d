package org.cdgm.knime.nodes.tuner;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.LikelihoodChoice.Decision;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.training.TrainingSettings;
import org.cdgm.engine.tuning.Tuner;
import org.cdgm.engine.tuning.TuningGrid;
import org.cdgm.engine.tuning.TuningResult;
import org.cdgm.knime.EngineErrors;
import org.cdgm.knime.Nd4jStartup;
import org.cdgm.knime.nodes.SettingsNodeModel;
import org.cdgm.knime.port.ContrastiveModelPortObject;
import org.cdgm.knime.settings.DataSelectionSettings.DataSelection;
import org.cdgm.knime.table.CellTableWriter;
import org.cdgm.knime.table.ContrastiveTableReader;
import org.cdgm.knime.table.KnimeTrainingMonitor;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeLogger;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Fits every (k_z, k_t, epsilon) of a grid on the same data with the same seeds, reports each fit's validation
 * objectives and seed stability with the Pareto front marked, and passes on the chosen model (see
 * {@link org.cdgm.engine.tuning.TuningPick} for the rule). Why that fit was chosen goes to the log, and to the
 * warning when the pick is not simply the lowest loss or no fit met its constraint: then the user should read it.
 */
final class MultiObjectiveTunerNodeModel extends SettingsNodeModel<MultiObjectiveTunerNodeSettings> {
    private static final NodeLogger LOGGER = NodeLogger.getLogger(MultiObjectiveTunerNodeModel.class);

    MultiObjectiveTunerNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE},
                new PortType[] {BufferedDataTable.TYPE, ContrastiveModelPortObject.TYPE},
                MultiObjectiveTunerNodeSettings::new);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec in = (DataTableSpec) inSpecs[0];
        DataSelection sel = settings.data.toSelection();
        if (CellTableWriter.genesChosenAtExecute(in).isPresent()) {
            // The reader picks the genes from the counts; they are checked once it has run.
            ContrastiveTableReader.checkCondition(in, sel);
            settings.model.check(1, 1, 1);
        } else {
            settings.model.check(ContrastiveTableReader.geneColumns(in, sel).length, 1, 1);
        }
        settings.training.toTrainingSettings();
        settings.grid();
        // The chosen model's latent sizes are known only after tuning.
        return new PortObjectSpec[] {TuningTable.spec(), null};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        DataSelection sel = settings.data.toSelection();
        ContrastiveDataset data = ContrastiveTableReader.read((BufferedDataTable) inObjects[0], sel,
                exec.createSubProgress(0.02));
        LikelihoodChoice choice = settings.model.likelihoodChoice();
        Decision likelihood = choice.resolve(data);
        LOGGER.info(likelihood.reason()); // the model's summary and spec show the likelihood used
        ModelConfig base = settings.model.toModelConfig(data.geneCount(), 1, 1, likelihood.likelihood());
        TrainingSettings training = settings.training.toTrainingSettings();
        TuningGrid grid = settings.grid();
        Nd4jStartup.ensureStarted();
        KnimeTrainingMonitor monitor = new KnimeTrainingMonitor(exec.createSubProgress(0.98));
        TuningResult result = EngineErrors.run(() -> new Tuner(base, training, grid).run(data, monitor));
        result.notes().forEach(LOGGER::info);
        // the grid's fits share data and batch size: the chosen one's notes (e.g. a lowered batch) hold for all
        List<String> warnings = new ArrayList<>(result.best().result().notes());
        if (!result.pickedLowestLoss() || (training.mode().isConstrained() && !result.best().result().constraintMet())
                || !warnings.isEmpty()) {
            warnings.addAll(result.notes());
            setWarningMessage(String.join("\n", warnings));
        }
        return new PortObject[] {TuningTable.write(result, exec),
            new ContrastiveModelPortObject(result.best().result().model())};
    }
}
