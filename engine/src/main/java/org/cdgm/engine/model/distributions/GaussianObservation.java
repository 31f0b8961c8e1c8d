package org.cdgm.engine.model.distributions;

import java.util.Arrays;
import java.util.function.Function;

import org.cdgm.engine.model.parameters.Initialiser;
import org.cdgm.engine.model.parameters.ParamRef;
import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.cdgm.engine.numeric.HostBuffer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * x ~ N(decoder output, exp(s_g)) with a learned log-variance s_g per gene. Evaluated in one fused Java loop, a
 * cell at a time through row buffers (about ten whole-batch ND4J operations before).
 */
public final class GaussianObservation implements ObservationModel {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final ParamRef logVariance;

    public GaussianObservation(ParamRef logVariance) {
        this.logVariance = logVariance;
    }

    /** Declares "likelihood.logVariance" (1 x genes, starting at 0: unit variance); an {@link ObservationModel.Factory}. */
    public static Function<ParameterLayout, ObservationModel> declare(ParameterLayout.Builder b, int genes) {
        int slot = b.add("likelihood.logVariance", 1, genes, ParameterGroup.SHARED, Initialiser.zeros());
        return layout -> new GaussianObservation(layout.ref(slot));
    }

    @Override
    public boolean counts() {
        return false;
    }

    /** x_g = decoder output_g + exp(s_g / 2) * N(0, 1). */
    @Override
    public ObservationSampler sampler(INDArray params) {
        double[] sd = HostBuffer.read(logVariance.in(params));
        for (int j = 0; j < sd.length; j++) {
            sd[j] = Math.exp(0.5 * sd[j]);
        }
        return sampler(sd);
    }

    /** x_g = decoder output_g + {@code levels.standardDeviation()} * N(0, 1). */
    @Override
    public ObservationSampler sampler(NoiseLevels levels, int genes) {
        double[] sd = new double[genes];
        Arrays.fill(sd, levels.standardDeviation());
        return sampler(sd);
    }

    private static ObservationSampler sampler(double[] sd) {
        return (mean, library, out, rng) -> {
            for (int j = 0; j < out.length; j++) {
                out[j] = mean[j] + sd[j] * Gaussians.next(rng);
            }
        };
    }

    @Override
    public Evaluation evaluate(INDArray params, INDArray decoderOutput, CellBatch batch, INDArray grad,
                               double scale) {
        double[] s = HostBuffer.read(logVariance.in(params));
        int n = (int) batch.rows();
        int genes = s.length;
        double[] invVar = new double[genes];
        double logVarSum = 0;
        for (int j = 0; j < genes; j++) {
            invVar[j] = Math.exp(-s[j]);
            logVarSum += s[j];
        }
        boolean grads = grad != null;
        CellRows rows = new CellRows(decoderOutput, batch, grads);
        double[] rho = rows.rho;
        double[] x = rows.x;
        double[] d = new double[genes];
        double[] squares = new double[genes]; // per gene, summed over cells (a per-element loop the JIT vectorises)
        for (int i = 0; i < n; i++) {
            rows.read(i);
            for (int j = 0; j < genes; j++) {
                double diff = x[j] - rho[j];
                squares[j] += diff * diff * invVar[j];
                d[j] = -scale * diff * invVar[j];
            }
            if (grads) {
                rows.writeGradient(i, d);
            }
        }
        double squareSum = 0;
        for (double sq : squares) {
            squareSum += sq;
        }
        double sum = 0.5 * (squareSum + n * logVarSum + (double) n * genes * LOG_2PI);
        if (!grads) {
            return new Evaluation(sum / n, null);
        }
        INDArray sGrad = logVariance.in(grad);
        double[] g = HostBuffer.read(sGrad);
        for (int j = 0; j < genes; j++) {
            g[j] += 0.5 * scale * (n - squares[j]); // d/ds_g = 0.5 * sum over cells of (1 - (x - rho)^2 / var_g)
        }
        HostBuffer.write(g, sGrad);
        return new Evaluation(sum / n, rows.gradient());
    }
}
