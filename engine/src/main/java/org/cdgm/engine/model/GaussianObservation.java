package org.cdgm.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * x ~ N(decoder output, exp(s_g)) with a learned log-variance s_g per gene. Evaluated in one fused Java loop
 * (about ten whole-batch ND4J operations before).
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
        double[] rho = HostBuffer.read(decoderOutput);
        double[] x = batch.hostX();
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
        double[] dRho = grads ? new double[rho.length] : null;
        double[] dS = grads ? new double[genes] : null;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            int row = i * genes;
            for (int j = 0; j < genes; j++) {
                double diff = x[row + j] - rho[row + j];
                double sq = diff * diff * invVar[j];
                squares += sq;
                if (grads) {
                    dRho[row + j] = -scale * diff * invVar[j];
                    dS[j] += 1 - sq; // d/ds_g = 0.5 * sum over cells of (1 - (x - rho)^2 / var_g)
                }
            }
        }
        double sum = 0.5 * (squares + n * logVarSum + (double) n * genes * LOG_2PI);
        if (!grads) {
            return new Evaluation(sum / n, null);
        }
        INDArray sGrad = logVariance.in(grad);
        double[] g = HostBuffer.read(sGrad);
        for (int j = 0; j < genes; j++) {
            g[j] += 0.5 * scale * dS[j];
        }
        HostBuffer.write(g, sGrad);
        return new Evaluation(sum / n, HostBuffer.matrix(dRho, decoderOutput.dataType(), n, genes));
    }
}
