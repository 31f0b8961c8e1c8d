package org.cdgm.engine.model.distributions;

import java.util.function.Function;

import org.cdgm.engine.model.parameters.ParameterLayout;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The likelihood term of the ELBO, p(x | decoder output), with its own per-gene parameters: it declares them
 * ({@link Factory}), evaluates -log p and its gradients for training, and draws data for simulation and model
 * sampling. {@link org.cdgm.engine.model.Likelihood} registers one factory per user-visible choice.
 */
public interface ObservationModel {

    /**
     * Declares a model's parameters, with their initial values, in a layout under construction; the
     * {@link org.cdgm.engine.model.Likelihood} registry holds one per likelihood.
     */
    @FunctionalInterface
    interface Factory {
        /**
         * @param b     the layout being built; parameter names are stored in model files and must never change
         * @param genes genes of the data (per-gene parameters are 1 x genes)
         * @return builds the model on the finished layout (which resolves the declared slots)
         */
        Function<ParameterLayout, ObservationModel> declare(ParameterLayout.Builder b, int genes);
    }

    /** Result of one evaluation: mean negative log-likelihood per cell and, if asked, d(loss)/d(decoder output). */
    record Evaluation(double meanNll, INDArray dDecoderOutput) {
    }

    /** Whether the model is for non-negative whole-number counts (with a library-size offset). */
    boolean counts();

    /**
     * Evaluates -log p(x | decoder output) for the batch. When {@code grad} is not null, returns
     * {@code scale} times the gradient of the batch sum with respect to the decoder output and adds the
     * parameter gradient (same scale) into {@code grad}.
     */
    Evaluation evaluate(INDArray params, INDArray decoderOutput, CellBatch batch, INDArray grad, double scale);

    /**
     * A sampler with this model's parameters read from a parameter vector of its layout (a fitted model's).
     *
     * @param params 1 x totalLength of the layout the model was declared in
     */
    ObservationSampler sampler(INDArray params);

    /**
     * A sampler with this model's parameters set to given values for every gene (a simulation's).
     *
     * @param genes genes of each drawn cell
     */
    ObservationSampler sampler(NoiseLevels levels, int genes);

    /** What the encoders see: log1p for counts (as scVI), the data as is otherwise. */
    default INDArray encoderInput(INDArray x) {
        return counts() ? Transforms.log(x.add(1.0), false) : x;
    }
}
