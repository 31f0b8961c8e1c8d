package org.cdgm.engine.model.distributions;

import java.util.SplittableRandom;

/** Draws one cell's observed values given its decoder output: an {@link ObservationModel} with parameter values set. */
@FunctionalInterface
public interface ObservationSampler {

    /**
     * @param decoderOutput per gene the decoder output: the Gaussian mean, or for counts the logits whose softmax is
     *                      the cell's expected share of its library
     * @param library       the cell's library size (expected total count, > 0) for count models; ignored otherwise
     * @param out           per gene the drawn value, written (whole numbers of at least 0 for count models)
     * @param rng           the source of every random number, drawn in gene order
     */
    void draw(double[] decoderOutput, double library, double[] out, SplittableRandom rng);
}
