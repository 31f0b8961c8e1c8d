package org.cdgm.engine.model.distributions;

import org.cdgm.engine.model.Likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The likelihood term of the ELBO, with its own per-gene parameters. */
public interface ObservationModel {

    /** Result of one evaluation: mean negative log-likelihood per cell and, if asked, d(loss)/d(decoder output). */
    record Evaluation(double meanNll, INDArray dDecoderOutput) {
    }

    Likelihood likelihood();

    /**
     * Evaluates -log p(x | decoder output) for the batch. When {@code grad} is not null, returns
     * {@code scale} times the gradient of the batch sum with respect to the decoder output and adds the
     * parameter gradient (same scale) into {@code grad}.
     */
    Evaluation evaluate(INDArray params, INDArray decoderOutput, CellBatch batch, INDArray grad, double scale);

    /** What the encoders see: log1p for counts (as scVI), the data as is otherwise. */
    default INDArray encoderInput(INDArray x) {
        return likelihood().isCount() ? Transforms.log(x.add(1.0), false) : x;
    }

}
