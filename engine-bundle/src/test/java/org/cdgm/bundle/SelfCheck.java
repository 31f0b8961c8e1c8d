package org.cdgm.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.io.ModelFile;
import org.cdgm.engine.metrics.IdentifiabilityReport;
import org.cdgm.engine.metrics.IdentifiabilityScorer;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.engine.runtime.Nd4jRuntime;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;

/**
 * A small end-to-end run of the engine (simulate, train MO+CO, save, reload, embed, score) that returns only JDK
 * types. {@link EquinoxTrainingIT} defines this class in a loader whose parent is the engine bundle's, so that every
 * engine and ND4J class it touches comes through the bundle, as for the KNIME nodes that import the engine.
 */
public final class SelfCheck {
    static final int EPOCHS = 10;

    private SelfCheck() {
    }

    /** Runs the check with files (native libraries, the model) under {@code workDir}; a few seconds. */
    public static Map<String, String> run(Path workDir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("backend", Nd4jRuntime.initialise(workDir.resolve("natives")));
        SimulatedData sim = Simulator.simulate(SimulationSettings.defaults().withSize(300, 300, 30));
        ModelConfig config = ModelConfig.defaults(30, Likelihood.GAUSSIAN).withNetwork(32, 1, 1, Activation.RELU);
        TrainingSettings settings = TrainingSettings.defaults(TrainingMode.MULTI_OBJECTIVE_CONSTRAINED)
                .withEpochs(EPOCHS).withBatchSize(64).withSeed(3);
        TrainingResult result = new Trainer(config, settings).fit(sim.dataset(), TrainingMonitor.NONE);
        Files.createDirectories(workDir);
        Path file = workDir.resolve("self-check.cdgm");
        ModelFile.save(result.model(), file);
        TrainedModel reloaded = ModelFile.load(file);
        CellSet bg = sim.dataset().background();
        CellSet tg = sim.dataset().target();
        Embedding eb = reloaded.embed(bg.matrix());
        Embedding et = reloaded.embed(tg.matrix());
        IdentifiabilityReport report = new IdentifiabilityScorer(1).score(sim.backgroundShared(), sim.targetShared(),
                sim.targetSalient(), eb.shared(), et.shared(), et.salient(), eb.salient());
        var last = result.history().get(result.history().size() - 1);
        out.put("epochs", Integer.toString(result.history().size()));
        out.put("firstTargetLoss", Double.toString(result.history().get(0).trainTargetLoss()));
        out.put("targetLoss", Double.toString(last.trainTargetLoss()));
        out.put("backgroundLoss", Double.toString(last.trainBackgroundLoss()));
        out.put("sharedMcc", Double.toString(report.sharedMcc()));
        out.put("salientMcc", Double.toString(report.salientMcc()));
        out.put("modelBytes", Long.toString(Files.size(file)));
        out.put("nd4jLoader", String.valueOf(org.nd4j.linalg.factory.Nd4j.class.getClassLoader()));
        return out;
    }
}
