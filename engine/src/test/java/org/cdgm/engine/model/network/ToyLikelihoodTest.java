package org.cdgm.engine.model.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.cdgm.engine.model.Fixtures;
import org.cdgm.engine.model.GradientCheck;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.distributions.Gaussians;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.distributions.NoiseLevels;
import org.cdgm.engine.model.distributions.ObservationModel;
import org.cdgm.engine.model.distributions.ObservationSampler;
import org.cdgm.engine.model.parameters.Initialiser;
import org.cdgm.engine.model.parameters.ParamRef;
import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.numeric.HostBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A likelihood defined only here plugs into the network through the same factory path the {@link Likelihood}
 * registry uses: it declares and initialises its own parameter, and the network evaluates it without knowing it.
 * (A test cannot add a {@link Likelihood} constant, an enum, so the network's factory-taking constructor stands in
 * for the one registration line.)
 */
class ToyLikelihoodTest {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** x ~ N(decoder output, exp(2a)) with one log standard deviation a shared by all genes. */
    private static final class SharedScaleGaussian implements ObservationModel {
        private final ParamRef logScale;

        SharedScaleGaussian(ParamRef logScale) {
            this.logScale = logScale;
        }

        static ObservationModel.Factory startingAt(double a) {
            return (b, genes) -> {
                int slot = b.add("likelihood.toyLogScale", 1, 1, ParameterGroup.SHARED, Initialiser.constant(a));
                return layout -> new SharedScaleGaussian(layout.ref(slot));
            };
        }

        @Override
        public boolean counts() {
            return false;
        }

        @Override
        public Evaluation evaluate(INDArray params, INDArray decoderOutput, CellBatch batch, INDArray grad,
                                   double scale) {
            double a = HostBuffer.read(logScale.in(params))[0];
            double[] x = HostBuffer.read(batch.x());
            double[] rho = HostBuffer.read(decoderOutput);
            int n = (int) batch.rows();
            int genes = rho.length / n;
            double invVar = Math.exp(-2 * a);
            double squares = 0;
            double[] d = new double[rho.length];
            for (int i = 0; i < rho.length; i++) {
                double diff = x[i] - rho[i];
                squares += diff * diff * invVar;
                d[i] = -scale * diff * invVar;
            }
            double sum = 0.5 * (squares + (double) n * genes * 2 * a + (double) n * genes * LOG_2PI);
            if (grad == null) {
                return new Evaluation(sum / n, null);
            }
            INDArray aGrad = logScale.in(grad);
            aGrad.putScalar(0, 0, aGrad.getDouble(0, 0) + scale * ((double) n * genes - squares));
            return new Evaluation(sum / n, HostBuffer.matrix(d, decoderOutput.dataType(), n, genes));
        }

        @Override
        public ObservationSampler sampler(INDArray params) {
            return sampler(Math.exp(HostBuffer.read(logScale.in(params))[0]));
        }

        @Override
        public ObservationSampler sampler(NoiseLevels levels, int genes) {
            return sampler(levels.standardDeviation());
        }

        private static ObservationSampler sampler(double sd) {
            return (mean, library, out, rng) -> {
                for (int j = 0; j < out.length; j++) {
                    out[j] = mean[j] + sd * Gaussians.next(rng);
                }
            };
        }
    }

    private static final ModelConfig CONFIG = Fixtures.tinyConfig(Likelihood.GAUSSIAN, PriorKind.MIXTURE_OF_GAUSSIANS);

    private static ContrastiveVae toy(double a) {
        return new ContrastiveVae(CONFIG, SharedScaleGaussian.startingAt(a), CONFIG.prior().factory());
    }

    @Test
    void theToyDeclaresAndInitialisesItsOwnParameter() {
        ContrastiveVae vae = toy(0.7);
        ParamRef r = vae.layout().ref("likelihood.toyLogScale");
        assertEquals(1, r.length());
        assertEquals(0.7, vae.initialParameters(11).getDouble(0, r.offset()), 1e-15);
        assertEquals(SharedScaleGaussian.class, vae.observation().getClass());
    }

    @Test
    void atUnitVarianceTheToyIsTheBuiltInGaussian() {
        ContrastiveVae toy = toy(0.0);
        ContrastiveVae gaussian = new ContrastiveVae(CONFIG);
        INDArray pToy = toy.initialParameters(11);
        INDArray pGauss = gaussian.initialParameters(11);
        // the likelihoods draw nothing, so every other parameter starts the same
        for (ParamRef r : gaussian.layout().refs()) {
            if (!r.name().startsWith("likelihood.")) {
                assertArrayEquals(HostBuffer.read(r.in(pGauss)), HostBuffer.read(toy.layout().ref(r.name()).in(pToy)),
                        r.name());
            }
        }
        CellBatch bg = Fixtures.batch(Likelihood.GAUSSIAN, 7, CONFIG.genes(), 1);
        CellBatch tg = Fixtures.batch(Likelihood.GAUSSIAN, 9, CONFIG.genes(), 2);
        Noise noise = Noise.draw(new SplittableRandom(3), 7, 9, CONFIG.sharedDim(), CONFIG.salientDim(),
                DataType.DOUBLE, false);
        ElboTerms a = toy.evaluate(toy.forward(pToy, bg, tg, noise));
        ElboTerms b = gaussian.evaluate(gaussian.forward(pGauss, bg, tg, noise));
        assertEquals(b.totalLoss(), a.totalLoss(), 1e-10 * Math.abs(b.totalLoss()));
        assertEquals(b.backgroundLoss(), a.backgroundLoss(), 1e-10 * Math.abs(b.backgroundLoss()));
    }

    @Test
    void theToysGradientMatchesFiniteDifferencesInsideTheNetwork() {
        ContrastiveVae vae = toy(0.3);
        INDArray params = vae.initialParameters(5);
        CellBatch bg = Fixtures.batch(Likelihood.GAUSSIAN, 6, CONFIG.genes(), 4);
        Noise noise = Noise.draw(new SplittableRandom(8), 6, 6, CONFIG.sharedDim(), CONFIG.salientDim(),
                DataType.DOUBLE, false);
        INDArray decoded = vae.forward(params, bg, bg, noise).decodedBackground.output();
        INDArray grad = vae.layout().zeros(DataType.DOUBLE);
        vae.observation().evaluate(params, decoded, bg, grad, 1.0 / 6);
        GradientCheck.assertMatches(params, grad, p -> vae.observation().evaluate(p, decoded, bg, null, 1).meanNll(),
                1e-6, 1e-7, 1e-5, "toy likelihood");
        double[] sample = new double[CONFIG.genes()];
        double[] mean = new double[CONFIG.genes()];
        Arrays.fill(mean, 2.0);
        vae.observation().sampler(params).draw(mean, Double.NaN, sample, new SplittableRandom(1));
        for (double v : sample) {
            assertEquals(2.0, v, 8 * Math.exp(0.3));
        }
    }
}
