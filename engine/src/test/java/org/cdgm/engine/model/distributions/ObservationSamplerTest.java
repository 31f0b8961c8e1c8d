package org.cdgm.engine.model.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.parameters.ParamRef;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each likelihood's sampler against its distribution: per gene the mean and variance of many draws, with the
 * parameters read from a parameter vector (as of a fitted model) and set directly (as a simulation does).
 */
class ObservationSamplerTest {
    private static final int DRAWS = 40000;
    private static final double[] LOGITS = {0.0, 1.0, -1.0};
    private static final double LIBRARY = 60;

    /** Per gene {mean, variance} of {@link #DRAWS} draws of one cell. */
    private static double[][] moments(ObservationSampler sampler, double[] decoderOutput, double library, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int g = decoderOutput.length;
        double[] sum = new double[g];
        double[] sq = new double[g];
        double[] x = new double[g];
        for (int i = 0; i < DRAWS; i++) {
            sampler.draw(decoderOutput, library, x, rng);
            for (int j = 0; j < g; j++) {
                sum[j] += x[j];
                sq[j] += x[j] * x[j];
            }
        }
        double[][] out = new double[g][2];
        for (int j = 0; j < g; j++) {
            out[j][0] = sum[j] / DRAWS;
            out[j][1] = sq[j] / DRAWS - out[j][0] * out[j][0];
        }
        return out;
    }

    /** A parameter vector of the likelihood's own layout with its one parameter set to {@code values}. */
    private static INDArray withParameter(Likelihood lik, String name, double[] values) {
        ParameterLayout.Builder b = new ParameterLayout.Builder();
        lik.factory().declare(b, values.length);
        ParameterLayout layout = b.build();
        INDArray params = layout.zeros(DataType.DOUBLE);
        ParamRef r = layout.ref(name);
        r.in(params).assign(Nd4j.createFromArray(values).reshape(1, values.length));
        return params;
    }

    @Test
    void gaussianDrawsHaveTheDecoderMeanAndTheLearnedVariance() {
        double[] mean = {0.5, -2.0, 10.0};
        double[] variance = {1.0, 4.0, 0.25};
        double[] logVariance = {0.0, Math.log(4.0), Math.log(0.25)};
        ObservationModel model = Likelihood.GAUSSIAN.standalone(3);
        double[][] m = moments(model.sampler(withParameter(Likelihood.GAUSSIAN, "likelihood.logVariance",
                logVariance)), mean, Double.NaN, 1);
        for (int j = 0; j < 3; j++) {
            assertEquals(mean[j], m[j][0], 4 * Math.sqrt(variance[j] / DRAWS), "mean of gene " + j);
            assertEquals(variance[j], m[j][1], 0.04 * variance[j], "variance of gene " + j);
        }
        double[][] set = moments(model.sampler(new NoiseLevels(0.3, 1), 3), mean, Double.NaN, 2);
        for (int j = 0; j < 3; j++) {
            assertEquals(mean[j], set[j][0], 4 * 0.3 / Math.sqrt(DRAWS), "mean of gene " + j + ", sd set");
            assertEquals(0.09, set[j][1], 0.04 * 0.09, "variance of gene " + j + ", sd set");
        }
    }

    @Test
    void poissonDrawsHaveMeanAndVarianceLibraryTimesSoftmax() {
        double[] mu = CountSampler.means(LOGITS, LIBRARY);
        assertEquals(LIBRARY, mu[0] + mu[1] + mu[2], 1e-9);
        assertEquals(Math.E, mu[1] / mu[0], 1e-12);
        ObservationModel model = Likelihood.POISSON.standalone(3);
        double[][] m = moments(model.sampler(Nd4j.zeros(DataType.DOUBLE, 1, 1)), LOGITS, LIBRARY, 3);
        for (int j = 0; j < 3; j++) {
            assertEquals(mu[j], m[j][0], 4 * Math.sqrt(mu[j] / DRAWS), "mean of gene " + j);
            assertEquals(mu[j], m[j][1], 0.05 * mu[j], "variance of gene " + j);
        }
    }

    @Test
    void negativeBinomialDrawsHaveMeanMuAndVarianceMuPlusMuSquaredOverTheta() {
        double[] mu = CountSampler.means(LOGITS, LIBRARY);
        double[] theta = {2.0, 10.0, 1.0};
        ObservationModel model = Likelihood.NEGATIVE_BINOMIAL.standalone(3);
        INDArray params = withParameter(Likelihood.NEGATIVE_BINOMIAL, "likelihood.logTheta",
                new double[] {Math.log(theta[0]), Math.log(theta[1]), Math.log(theta[2])});
        double[][] m = moments(model.sampler(params), LOGITS, LIBRARY, 4);
        for (int j = 0; j < 3; j++) {
            double variance = mu[j] + mu[j] * mu[j] / theta[j];
            assertEquals(mu[j], m[j][0], 4 * Math.sqrt(variance / DRAWS), "mean of gene " + j);
            assertEquals(variance, m[j][1], 0.08 * variance, "variance of gene " + j);
        }
        double[][] set = moments(model.sampler(new NoiseLevels(0, 5.0), 3), LOGITS, LIBRARY, 5);
        for (int j = 0; j < 3; j++) {
            double variance = mu[j] + mu[j] * mu[j] / 5.0;
            assertEquals(mu[j], set[j][0], 4 * Math.sqrt(variance / DRAWS), "mean of gene " + j + ", theta set");
            assertEquals(variance, set[j][1], 0.08 * variance, "variance of gene " + j + ", theta set");
        }
    }

    @Test
    void countDrawsAreWholeNumbersOfAtLeastZero() {
        SplittableRandom rng = new SplittableRandom(6);
        double[] x = new double[3];
        for (Likelihood lik : new Likelihood[] {Likelihood.POISSON, Likelihood.NEGATIVE_BINOMIAL}) {
            ObservationSampler s = lik.standalone(3).sampler(new NoiseLevels(0, 0.5), 3);
            for (int i = 0; i < 1000; i++) {
                s.draw(LOGITS, 3.0, x, rng);
                for (double v : x) {
                    assertTrue(v >= 0 && v == Math.rint(v), lik + " drew " + v);
                }
            }
        }
    }

    @Test
    void poissonAndGammaDrawsHaveTheRightMoments() {
        SplittableRandom rng = new SplittableRandom(1);
        for (double mean : new double[] {0.7, 4, 25, 300}) {
            double s = 0;
            double sq = 0;
            for (int i = 0; i < DRAWS; i++) {
                long k = CountSampler.poisson(mean, rng);
                s += k;
                sq += (double) k * k;
            }
            double m = s / DRAWS;
            double var = sq / DRAWS - m * m;
            assertEquals(mean, m, 4 * Math.sqrt(mean / DRAWS), "Poisson mean " + mean);
            assertEquals(mean, var, 0.05 * mean, "Poisson variance " + mean);
        }
        double s = 0;
        double sq = 0;
        for (int i = 0; i < DRAWS; i++) {
            double v = CountSampler.gamma(2.5, 3.0, rng);
            s += v;
            sq += v * v;
        }
        assertEquals(7.5, s / DRAWS, 0.1);
        assertEquals(2.5 * 9.0, sq / DRAWS - (s / DRAWS) * (s / DRAWS), 0.05 * 22.5);
    }

    @Test
    void mixtureDrawsFollowTheWeightsAndComponents() {
        GaussianMixture mix = new GaussianMixture(new double[][] {{-3, 0}, {4, 1}}, new double[][] {{0.5, 1}, {1, 2}},
                new double[] {0.25, 0.75});
        SplittableRandom rng = new SplittableRandom(7);
        double[] code = new double[2];
        int second = 0;
        double sum0 = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (mix.draw(code, rng) == 1) {
                second++;
            }
            sum0 += code[0];
        }
        assertEquals(0.75, (double) second / DRAWS, 0.01);
        assertEquals(0.25 * -3 + 0.75 * 4, sum0 / DRAWS, 0.05);
    }
}
