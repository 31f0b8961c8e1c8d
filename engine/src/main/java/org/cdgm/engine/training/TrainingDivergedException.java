package org.cdgm.engine.training;

/** A loss or gradient became NaN or infinite; the message says where and what to try. No model is returned. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
