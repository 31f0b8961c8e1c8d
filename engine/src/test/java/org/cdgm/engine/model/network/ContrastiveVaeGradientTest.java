package org.cdgm.engine.model.network;

import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.distributions.Noise;

import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Fixtures;
import org.cdgm.engine.model.GradientCheck;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.PriorKind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every likelihood x prior x activation: analytic ELBO gradients against central finite differences. */
class ContrastiveVaeGradientTest {

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @CsvSource({
        "GAUSSIAN, STANDARD_NORMAL, RELU",
        "GAUSSIAN, MIXTURE_OF_GAUSSIANS, RELU",
        "POISSON, STANDARD_NORMAL, RELU",
        "POISSON, MIXTURE_OF_GAUSSIANS, LEAKY_RELU",
        "NEGATIVE_BINOMIAL, STANDARD_NORMAL, TANH",
        "NEGATIVE_BINOMIAL, MIXTURE_OF_GAUSSIANS, RELU",
    })
    void elboGradientMatchesFiniteDifferences(Likelihood lik, PriorKind prior, Activation act) {
        ModelConfig cfg = Fixtures.tinyConfig(lik, prior).withNetwork(6, 1, 2, act);
        ContrastiveVae vae = new ContrastiveVae(cfg);
        INDArray params = vae.initialParameters(11);
        CellBatch bg = Fixtures.batch(lik, 7, cfg.genes(), 1);
        CellBatch tg = Fixtures.batch(lik, 9, cfg.genes(), 2);
        Noise noise = Noise.draw(new SplittableRandom(3), 7, 9, cfg.sharedDim(), cfg.salientDim(), DataType.DOUBLE,
                false);
        INDArray grad = vae.layout().zeros(DataType.DOUBLE);
        vae.lossAndGradients(vae.forward(params, bg, tg, noise), grad, grad, null, null);
        GradientCheck.assertMatches(params, grad,
                p -> vae.evaluate(vae.forward(p, bg, tg, noise)).totalLoss(), 1e-6, 1e-6, 1e-4,
                lik + "/" + prior + "/" + act);
    }

    @ParameterizedTest(name = "{0} / {1}, batch covariate of {2} levels")
    @CsvSource({
        "GAUSSIAN, STANDARD_NORMAL, 2",
        "POISSON, MIXTURE_OF_GAUSSIANS, 3",
        "NEGATIVE_BINOMIAL, MIXTURE_OF_GAUSSIANS, 3",
    })
    void elboGradientWithABatchCovariateMatchesFiniteDifferences(Likelihood lik, PriorKind prior, int levels) {
        ModelConfig cfg = Fixtures.tinyConfig(lik, prior).withNetwork(6, 1, 2, Activation.RELU)
                .withBatchLevels(levels);
        ContrastiveVae vae = new ContrastiveVae(cfg);
        assertEquals(cfg.genes() + levels, vae.layout().ref("sharedEncoder.0.W").rows());
        assertEquals(cfg.genes() + levels, vae.layout().ref("salientEncoder.0.W").rows());
        assertEquals(cfg.sharedDim() + cfg.salientDim() + levels, vae.layout().ref("decoder.0.W").rows());
        INDArray params = vae.initialParameters(11);
        CellBatch bg = Fixtures.batch(lik, 7, cfg.genes(), 1).withBatchCodes(new int[] {0, 1, 1, 0, 1, 0, 1});
        CellBatch tg = Fixtures.batch(lik, 9, cfg.genes(), 2)
                .withBatchCodes(new int[] {1, 0, levels - 1, 1, 0, levels - 1, 0, 1, 1});
        Noise noise = Noise.draw(new SplittableRandom(3), 7, 9, cfg.sharedDim(), cfg.salientDim(), DataType.DOUBLE,
                false);
        INDArray gB = vae.layout().zeros(DataType.DOUBLE);
        INDArray gT = vae.layout().zeros(DataType.DOUBLE);
        vae.lossAndGradients(vae.forward(params, bg, tg, noise), gB, gT, null, null);
        GradientCheck.assertMatches(params, gB,
                p -> vae.evaluate(vae.forward(p, bg, tg, noise)).backgroundLoss(), 1e-6, 1e-6, 1e-4,
                "background, " + lik + "/" + prior + "/" + levels + " levels");
        GradientCheck.assertMatches(params, gT,
                p -> vae.evaluate(vae.forward(p, bg, tg, noise)).targetLoss(), 1e-6, 1e-6, 1e-4,
                "target, " + lik + "/" + prior + "/" + levels + " levels");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"GAUSSIAN", "NEGATIVE_BINOMIAL"})
    void separateBuffersSplitTheGradientByObjective(Likelihood lik) {
        ModelConfig cfg = Fixtures.tinyConfig(lik, PriorKind.MIXTURE_OF_GAUSSIANS);
        ContrastiveVae vae = new ContrastiveVae(cfg);
        INDArray params = vae.initialParameters(5);
        CellBatch bg = Fixtures.batch(lik, 6, cfg.genes(), 7);
        CellBatch tg = Fixtures.batch(lik, 8, cfg.genes(), 8);
        Noise noise = Noise.draw(new SplittableRandom(9), 6, 8, 2, 2, DataType.DOUBLE, false);
        INDArray gB = vae.layout().zeros(DataType.DOUBLE);
        INDArray gT = vae.layout().zeros(DataType.DOUBLE);
        vae.lossAndGradients(vae.forward(params, bg, tg, noise), gB, gT, null, null);
        // background gradient alone matches finite differences of the background loss
        GradientCheck.assertMatches(params, gB,
                p -> vae.evaluate(vae.forward(p, bg, tg, noise)).backgroundLoss(), 1e-6, 1e-6, 1e-4, "background");
        GradientCheck.assertMatches(params, gT,
                p -> vae.evaluate(vae.forward(p, bg, tg, noise)).targetLoss(), 1e-6, 1e-6, 1e-4, "target");
        // the background loss does not depend on target-only parameters
        assertEquals(0.0, vae.layout().targetOnlyPart(gB).norm2Number().doubleValue(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"STANDARD_NORMAL", "MIXTURE_OF_GAUSSIANS"})
    void klWarmUpWeightsOnlyTheKlTermsGradient(PriorKind prior) {
        ModelConfig cfg = Fixtures.tinyConfig(Likelihood.GAUSSIAN, prior);
        ContrastiveVae vae = new ContrastiveVae(cfg);
        INDArray params = vae.initialParameters(11);
        CellBatch bg = Fixtures.batch(Likelihood.GAUSSIAN, 6, cfg.genes(), 12);
        CellBatch tg = Fixtures.batch(Likelihood.GAUSSIAN, 8, cfg.genes(), 13);
        Noise noise = Noise.draw(new SplittableRandom(14), 6, 8, 2, 2, DataType.DOUBLE, false);
        double w = 0.3;
        INDArray g = vae.layout().zeros(DataType.DOUBLE);
        ElboTerms reported = vae.lossAndGradients(vae.forward(params, bg, tg, noise), g, g, null, g, w);
        assertEquals(vae.evaluate(vae.forward(params, bg, tg, noise)).totalLoss(), reported.totalLoss(), 1e-12,
                "the reported terms are the full ELBO's");
        GradientCheck.assertMatches(params, g, p -> {
            ElboTerms t = vae.evaluate(vae.forward(p, bg, tg, noise));
            return t.backgroundNll() + t.targetNll()
                    + w * (t.backgroundKlShared() + t.targetKlShared() + t.targetKlSalient());
        }, 1e-6, 1e-6, 1e-4, "nll + 0.3 KL, " + prior);
    }
}
