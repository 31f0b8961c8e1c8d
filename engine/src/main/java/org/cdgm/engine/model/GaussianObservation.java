package org.cdgm.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** x ~ N(decoder output, exp(s_g)) with a learned log-variance s_g per gene. */
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
    public Evaluation evaluate(INDArray params, INDArray rho, CellBatch batch, INDArray grad, double scale) {
        INDArray s = logVariance.in(params);
        INDArray invVar = Transforms.exp(s.neg(), false);
        INDArray diff = batch.x().sub(rho);
        INDArray sqScaled = diff.mul(diff).muliRowVector(invVar);
        long n = batch.rows();
        long g = rho.columns();
        double sum = 0.5 * (sqScaled.sumNumber().doubleValue() + n * s.sumNumber().doubleValue() + n * g * LOG_2PI);
        if (grad == null) {
            return new Evaluation(sum / n, null);
        }
        INDArray dRho = diff.muliRowVector(invVar).muli(-scale);
        // d/ds_g = 0.5 * sum_cells (1 - (x - rho)^2 / var_g)
        logVariance.in(grad).addi(sqScaled.rsubi(1.0).sum(true, 0).muli(0.5 * scale));
        return new Evaluation(sum / n, dRho);
    }
}
