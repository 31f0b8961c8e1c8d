package org.cdgm.engine.model.distributions;

import org.cdgm.engine.model.parameters.ParamRef;
import org.cdgm.engine.numeric.HostBuffer;

import org.cdgm.engine.model.Likelihood;

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

    @Override
    public Likelihood likelihood() {
        return Likelihood.GAUSSIAN;
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
