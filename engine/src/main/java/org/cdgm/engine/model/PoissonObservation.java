package org.cdgm.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** x ~ Poisson(l * softmax(decoder output)), l the cell's library size (scVI's offset). No own parameters. */
public final class PoissonObservation implements ObservationModel {

    @Override
    public Likelihood likelihood() {
        return Likelihood.POISSON;
    }

    @Override
    public Evaluation evaluate(INDArray params, INDArray rho, CellBatch batch, INDArray grad, double scale) {
        INDArray x = batch.x();
        INDArray logP = ObservationModel.logSoftmaxRows(rho);
        INDArray logMu = logP.addColumnVector(Transforms.log(batch.library(), true));
        // sum(mu) = sum(library) because softmax rows sum to one
        double sum = batch.library().sumNumber().doubleValue() - x.mul(logMu).sumNumber().doubleValue()
                + batch.logFactorialSum();
        long n = batch.rows();
        if (grad == null) {
            return new Evaluation(sum / n, null);
        }
        // d/d rho = n_cell * p - x, where n_cell = total counts of the cell
        INDArray p = Transforms.exp(logP, false);
        INDArray dRho = p.muliColumnVector(x.sum(true, 1)).subi(x).muli(scale);
        return new Evaluation(sum / n, dRho);
    }
}
