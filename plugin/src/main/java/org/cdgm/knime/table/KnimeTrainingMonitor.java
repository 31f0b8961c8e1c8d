package org.cdgm.knime.table;

import org.cdgm.engine.training.TrainingMonitor;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** The engine's progress and cancellation, mapped onto a node's execution monitor. */
public final class KnimeTrainingMonitor implements TrainingMonitor {
    private final ExecutionMonitor exec;

    public KnimeTrainingMonitor(ExecutionMonitor exec) {
        this.exec = exec;
    }

    @Override
    public void onProgress(double fraction, String message) {
        exec.setProgress(fraction, message);
    }

    @Override
    public boolean isCancelled() {
        try {
            exec.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) {
            return true;
        }
    }
}
