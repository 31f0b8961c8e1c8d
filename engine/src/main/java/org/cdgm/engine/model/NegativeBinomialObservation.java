package org.cdgm.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * x ~ NB(mean mu, inverse dispersion theta): mu = l * softmax(decoder output), theta_g = exp(phi_g) per gene.
 * log p = lgamma(x + theta) - lgamma(theta) - lgamma(x + 1) + theta log(theta / (theta + mu))
 *         + x log(mu / (theta + mu)).
 */
public final class NegativeBinomialObservation implements ObservationModel {
    private final ParamRef logTheta;

    public NegativeBinomialObservation(ParamRef logTheta) {
        this.logTheta = logTheta;
    }

    @Override
    public Likelihood likelihood() {
        return Likelihood.NEGATIVE_BINOMIAL;
    }


    @Override
    public Evaluation evaluate(INDArray params, INDArray rho, CellBatch batch, INDArray grad, double scale) {
        INDArray x = batch.x();
        INDArray phi = logTheta.in(params);
        INDArray theta = Transforms.exp(phi, true);
        INDArray logP = ObservationModel.logSoftmaxRows(rho);
        INDArray logMu = logP.addColumnVector(Transforms.log(batch.library(), true));
        INDArray mu = Transforms.exp(logMu, true);
        INDArray thetaPlusMu = mu.addRowVector(theta);
        INDArray logThetaPlusMu = Transforms.log(thetaPlusMu, true);
        INDArray xPlusTheta = x.addRowVector(theta);
        long n = batch.rows();
        // theta * (log theta - log(theta + mu)) + x * (log mu - log(theta + mu))
        INDArray ll = logThetaPlusMu.rsub(0).addiRowVector(phi).muliRowVector(theta)
                .addi(logMu.sub(logThetaPlusMu).muli(x));
        double sum = -(ll.sumNumber().doubleValue() + SpecialFunctions.lgammaSum(xPlusTheta)
                - n * SpecialFunctions.lgammaSum(theta) - batch.logFactorialSum());
        if (grad == null) {
            return new Evaluation(sum / n, null);
        }
        // ratio = (theta + x) / (theta + mu)
        INDArray ratio = xPlusTheta.div(thetaPlusMu);
        // c = x - (theta + x) mu / (theta + mu) = d log p / d log mu ; d log p / d rho = c - p * rowsum(c)
        INDArray c = x.sub(ratio.mul(mu));
        INDArray p = Transforms.exp(logP, false);
        INDArray dRho = p.muliColumnVector(c.sum(true, 1)).subi(c).muli(scale);
        // d log p / d theta = psi(x + theta) - psi(theta) + log theta - log(theta + mu) + 1 - ratio
        INDArray dTheta = SpecialFunctions.digamma(xPlusTheta).subiRowVector(SpecialFunctions.digamma(theta))
                .addiRowVector(phi)
                .subi(logThetaPlusMu).addi(1.0).subi(ratio);
        logTheta.in(grad).subi(dTheta.sum(true, 0).muli(theta).muli(scale));
        return new Evaluation(sum / n, dRho);
    }
}
