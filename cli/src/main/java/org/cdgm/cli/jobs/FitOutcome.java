package org.cdgm.cli.jobs;

import org.cdgm.engine.metrics.IdentifiabilityReport;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.training.TrainingResult;

/** A finished fit on simulated data: the training result, its embeddings and its scores against the truth. */
public record FitOutcome(FitSpec spec, TrainingResult result, Embedding background, Embedding target,
                         IdentifiabilityReport scores, double seconds) {
}
