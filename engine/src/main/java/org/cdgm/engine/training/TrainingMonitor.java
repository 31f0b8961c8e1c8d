package org.cdgm.engine.training;

/** Receives progress and may cancel; the KNIME adapter maps it onto the node's ExecutionMonitor. */
public interface TrainingMonitor {

    /** A monitor that ignores everything and never cancels. */
    TrainingMonitor NONE = new TrainingMonitor() {
    };

    default void onEpoch(EpochReport report) {
    }

    /** Fraction of the maximal number of steps done, in [0, 1]. */
    default void onProgress(double fraction, String message) {
    }

    /** Polled once per step; returning true stops training with {@link TrainingCancelledException}. */
    default boolean isCancelled() {
        return false;
    }
}
