package org.cdgm.engine.training;

/** Training stopped because the monitor asked for it; no model is returned. */
public class TrainingCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingCancelledException(String message) {
        super(message);
    }
}
