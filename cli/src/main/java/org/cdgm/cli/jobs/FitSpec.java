package org.cdgm.cli.jobs;

import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.training.TrainingSettings;

/** One fit to run: a label for tables, the architecture and the training settings. */
public record FitSpec(String label, ModelConfig model, TrainingSettings training) {
}
