package org.cdgm.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.plot.ClaimsPlot;
import org.cdgm.engine.plot.PlotSize;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.training.TrainingMode;
import org.junit.jupiter.api.Test;

class ClaimExperimentTest {
    private final ExperimentSize size = ExperimentSize.QUICK;

    @Test
    void mixingCrossesMixingAndDecoderActivations() {
        ClaimExperiment e = ClaimExperiment.mixing(size);
        assertEquals(List.of("mixing=relu,decoder=relu", "mixing=relu,decoder=tanh", "mixing=tanh,decoder=relu",
                "mixing=tanh,decoder=tanh"), e.settings().stream().map(ClaimSetting::name).toList());
        ClaimSetting smooth = e.settings().get(3);
        assertEquals(Activation.TANH, smooth.simulation().mixingActivation());
        assertEquals(Activation.TANH, smooth.model().activation());
        assertEquals(Activation.LEAKY_RELU, e.settings().get(0).simulation().mixingActivation());
        assertEquals(Activation.RELU, e.settings().get(0).model().activation());
        for (ClaimSetting s : e.settings()) {
            assertEquals(Likelihood.GAUSSIAN, s.simulation().noise());
            assertEquals(2, s.model().sharedDim());
            assertEquals(2, s.model().salientDim());
            assertEquals(size.genes(), s.simulation().genes());
            assertEquals(size.backgroundCells(), s.simulation().backgroundCells());
        }
        assertEquals(List.of(TrainingMode.CONSTRAINED), e.defaultModes());
    }

    @Test
    void noiseFitsTheMatchingLikelihoodAndMisspecifiedEveryMode() {
        for (ClaimSetting s : ClaimExperiment.noise(size).settings()) {
            assertEquals(s.simulation().noise(), s.model().likelihood(), s.name());
            assertEquals(Activation.LEAKY_RELU, s.simulation().mixingActivation());
        }
        ClaimExperiment m = ClaimExperiment.misspecified(size);
        assertEquals("latent=4+4,noise=nb", m.settings().get(0).name());
        assertEquals(4, m.settings().get(0).model().sharedDim());
        assertEquals(Likelihood.NEGATIVE_BINOMIAL, m.settings().get(0).model().likelihood());
        assertEquals(2, m.settings().get(0).simulation().salientDim(), "the truth stays 2 + 2");
        assertEquals(4, m.defaultModes().size());
    }

    @Test
    void wrongNamesAndSizesAreNamed() {
        assertEquals("'smooth' is not an experiment: use mixing, noise or misspecified", assertThrows(
                IllegalArgumentException.class, () -> ClaimExperiment.named("smooth", size)).getMessage());
        assertEquals("Setting 'seeds' must be at least 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> size.withSeeds(1, 1)).getMessage());
        assertEquals("Setting 'x': the model takes 30 genes but the simulation draws 20", assertThrows(
                IllegalArgumentException.class, () -> new ClaimSetting("x", SimulationSettings.defaults()
                        .withSize(50, 50, 20), ModelConfig.defaults(30, Likelihood.GAUSSIAN))).getMessage());
    }

    @Test
    void plotDrawsBarsWithAndWithoutIntervalsAndRefusesUnknownBlocks() {
        byte[] png = ClaimsPlot.render("Experiment x", List.of(
                new ClaimsPlot.Bar("a | co", "shared", "mcc_aligned", 0.9, 0.8, 1.0),
                new ClaimsPlot.Bar("a | co", "salient", "mcc_aligned", 0.7, Double.NaN, Double.NaN),
                new ClaimsPlot.Bar("b | co", "salient", "stability_mcc", -0.1, -0.5, 0.3)), new PlotSize(800, 400));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        assertEquals("Block 'other' is neither shared nor salient", assertThrows(InvalidInputException.class,
                () -> ClaimsPlot.render("x", List.of(new ClaimsPlot.Bar("a", "other", "m", 1, 1, 1)),
                        new PlotSize(800, 400))).getMessage());
        assertThrows(InvalidInputException.class, () -> ClaimsPlot.render("x", List.of(), new PlotSize(800, 400)));
    }
}
