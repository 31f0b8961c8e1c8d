package org.cdgm.engine.model;

import java.util.function.Function;

import org.cdgm.engine.data.UserChoice;
import org.cdgm.engine.data.ValueDomain;
import org.cdgm.engine.model.distributions.GaussianObservation;
import org.cdgm.engine.model.distributions.NegativeBinomialObservation;
import org.cdgm.engine.model.distributions.ObservationModel;
import org.cdgm.engine.model.distributions.PoissonObservation;
import org.cdgm.engine.model.parameters.ParameterLayout;

/**
 * Observation noise model p(x | decoder output): the registry of {@link ObservationModel}s. Each constant names the
 * factory of its model, which declares and initialises the model's parameters; the network and the simulator ask
 * the constant and never switch on it. The name of a constant is stored in model files and settings.
 */
public enum Likelihood implements UserChoice {
    /** Continuous data; per-gene variance. */
    GAUSSIAN(false, "Gaussian (continuous values)",
            "For normalised, log-transformed or scaled values; any real number.", GaussianObservation::declare),
    /** Counts; rate = library size x softmax(decoder output). */
    POISSON(true, "Poisson (counts)", "For raw counts with little overdispersion; whole numbers of at least 0.",
            PoissonObservation::declare),
    /** Over-dispersed counts; mean as for Poisson, per-gene inverse dispersion (scVI's parameterisation). */
    NEGATIVE_BINOMIAL(true, "Negative binomial (counts)",
            "For raw UMI counts, as scVI: a per-gene dispersion; whole numbers of at least 0.",
            NegativeBinomialObservation::declare);

    private final boolean counts;
    private final String title;
    private final String help;
    private final ObservationModel.Factory factory;

    Likelihood(boolean counts, String title, String help, ObservationModel.Factory factory) {
        this.counts = counts;
        this.title = title;
        this.help = help;
        this.factory = factory;
    }

    /** The factory that declares this likelihood's parameters and builds its model. */
    public ObservationModel.Factory factory() {
        return factory;
    }

    /**
     * This likelihood's model on a layout of its own that holds only its parameters (for simulation, where nothing
     * is learned, and tests).
     *
     * @param genes genes of the data, >= 1
     */
    public ObservationModel standalone(int genes) {
        ParameterLayout.Builder b = new ParameterLayout.Builder();
        Function<ParameterLayout, ObservationModel> build = factory.declare(b, genes);
        return build.apply(b.build());
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String help() {
        return help;
    }

    /** Whether the data must be non-negative integer counts. */
    public boolean isCount() {
        return counts;
    }

    public ValueDomain valueDomain() {
        return counts ? ValueDomain.COUNTS : ValueDomain.REAL;
    }
}
