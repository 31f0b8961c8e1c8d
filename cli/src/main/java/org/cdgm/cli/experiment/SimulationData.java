package org.cdgm.cli.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.metrics.IdentifiabilityReport;
import org.cdgm.engine.metrics.IdentifiabilityScorer;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.cdgm.engine.training.TrainingResult;

/**
 * The misspecified setting of docs/identifiability.md: the simulator's defaults (true k_z = k_t = 2) with data seed
 * 1001, fitted with k_z = k_t = 4; each fit is scored against the true latents as the engine's SimulationFits
 * scores them (IdentifiabilityScorer seeded with the training seed).
 */
final class SimulationData implements ExperimentData {
    static final long DATA_SEED = 1001;
    static final int MODEL_DIM = 4;
    /** The IdentifiabilityReport figures reported, by the report's names. */
    static final List<String> SCORES = List.of("shared_mcc", "salient_mcc", "shared_mcc_aligned",
            "salient_mcc_aligned", "salient_leakage_linear", "shared_leakage_linear");

    private final SimulatedData sim;
    private final ModelConfig config;
    private final LikelihoodChoice.Decision likelihood;

    private SimulationData(SimulatedData sim, ModelConfig config, LikelihoodChoice.Decision likelihood) {
        this.sim = sim;
        this.config = config;
        this.likelihood = likelihood;
    }

    /** @param quick 150 + 150 cells and 20 genes instead of 2,000 + 2,000 and 100 */
    static SimulationData create(boolean quick) {
        SimulationSettings s = SimulationSettings.defaults().withSeed(DATA_SEED);
        if (quick) {
            s = s.withSize(150, 150, 20);
        }
        SimulatedData sim = Simulator.simulate(s);
        LikelihoodChoice.Decision d = LikelihoodChoice.AUTO.resolve(sim.dataset());
        ModelConfig config = ModelConfig.defaults(sim.dataset().geneCount(), d.likelihood())
                .withLatentSizes(MODEL_DIM, MODEL_DIM);
        return new SimulationData(sim, config, d);
    }

    @Override
    public String name() {
        return "simulation";
    }

    @Override
    public String description() {
        SimulationSettings s = sim.settings();
        return String.format(Locale.ROOT, "Misspecified simulation: the simulator's defaults with data seed %d "
                + "(%,d background + %,d target cells, %d genes, true k_z = %d, k_t = %d, %s noise), fitted with "
                + "k_z = k_t = %d and a %s likelihood (the automatic choice, as in cdgm fit). Scores against the "
                + "true latents: MCC (Pearson, matched), aligned MCC (after an affine map), leakage (held-out R^2 of "
                + "one true block from the other learned block; 0 is ideal).", s.seed(), s.backgroundCells(),
                s.targetCells(), s.genes(), s.sharedDim(), s.salientDim(), ExperimentData.words(s.noise()),
                MODEL_DIM, ExperimentData.words(likelihood.likelihood()));
    }

    @Override
    public String likelihoodReason() {
        return likelihood.reason();
    }

    @Override
    public ContrastiveDataset dataset() {
        return sim.dataset();
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public List<String> scoreNames() {
        return SCORES;
    }

    @Override
    public Map<String, Double> score(long seed, TrainingResult fit) {
        Embedding b = fit.model().embed(sim.dataset().background().matrix());
        Embedding t = fit.model().embed(sim.dataset().target().matrix());
        IdentifiabilityReport r = new IdentifiabilityScorer(seed).score(sim.backgroundShared(), sim.targetShared(),
                sim.targetSalient(), b.shared(), t.shared(), t.salient(), b.salient());
        Map<String, Double> all = new LinkedHashMap<>();
        for (IdentifiabilityReport.Row row : r.rows()) {
            all.put(row.metric(), row.value());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : SCORES) {
            out.put(name, all.get(name));
        }
        return out;
    }
}
