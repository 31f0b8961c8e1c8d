package org.cdgm.engine.model;

import org.nd4j.linalg.api.buffer.DataType;

/** Floating point type of parameters and activations: FLOAT32 for training, FLOAT64 for gradient checks. */
public enum Precision {
    FLOAT32(DataType.FLOAT),
    FLOAT64(DataType.DOUBLE);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }
}
