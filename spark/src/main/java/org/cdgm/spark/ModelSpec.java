package org.cdgm.spark;

import java.io.Serializable;

import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.Precision;
import org.cdgm.engine.model.PriorKind;

/** A {@link ModelConfig} as it travels to the executors (the record itself is not serializable). */
record ModelSpec(int genes, int sharedDim, int salientDim, int hiddenWidth, int encoderLayers, int decoderLayers,
                 Activation activation, Likelihood likelihood, PriorKind prior, int priorComponents,
                 Precision precision, int batchLevels) implements Serializable {
    private static final long serialVersionUID = 1L;

    static ModelSpec of(ModelConfig c) {
        return new ModelSpec(c.genes(), c.sharedDim(), c.salientDim(), c.hiddenWidth(), c.encoderLayers(),
                c.decoderLayers(), c.activation(), c.likelihood(), c.prior(), c.priorComponents(), c.precision(),
                c.batchLevels());
    }

    ModelConfig config() {
        return new ModelConfig(genes, sharedDim, salientDim, hiddenWidth, encoderLayers, decoderLayers, activation,
                likelihood, prior, priorComponents, precision, batchLevels);
    }
}
