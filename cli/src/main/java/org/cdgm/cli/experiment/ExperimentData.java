package org.cdgm.cli.experiment;

import java.util.List;
import java.util.Map;

import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.LikelihoodChoice;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.training.TrainingResult;

/**
 * One data set of an experiment: the cells, the model to fit to them and how a fit is scored. Implementations:
 * {@link SimulationData} (known latents) and {@link PapalexiData} (a real CRISPR screen, whole or a small subset).
 */
interface ExperimentData {
    /** The data set's word on the command line and in the tables: simulation, papalexi or papalexi-small. */
    String name();

    /** One or two sentences for the markdown summary: what the cells and the model are. */
    String description();

    /** Why the model has its likelihood (LikelihoodChoice's sentence), for the progress on stderr. */
    String likelihoodReason();

    ContrastiveDataset dataset();

    ModelConfig config();

    /** The names of {@link #score}'s figures, in column order. */
    List<String> scoreNames();

    /**
     * Scores one fit.
     *
     * @param seed the fit's training seed (seeds the held-out splits of the scores that have them)
     * @return a value for every name of {@link #scoreNames()}, in that order
     */
    Map<String, Double> score(long seed, TrainingResult fit);

    /** A likelihood in words for the markdown: Gaussian, poisson, negative binomial. */
    static String words(Likelihood l) {
        String w = LikelihoodChoice.readable(l);
        return w.equals("gaussian") ? "Gaussian" : w;
    }
}
