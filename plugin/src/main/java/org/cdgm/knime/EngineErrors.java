package org.cdgm.knime;

import org.cdgm.engine.training.TrainingCancelledException;
import org.knime.core.node.CanceledExecutionException;

/** Runs engine work from a node's execute: the engine's cancellation becomes KNIME's. */
public final class EngineErrors {
    private EngineErrors() {
    }

    public static <T> T run(Work<T> work) throws Exception {
        try {
            return work.call();
        } catch (TrainingCancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        }
    }

    /** Engine work; its exceptions already carry messages written for the user. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }
}
