package org.cdgm.cli.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.cdgm.engine.metrics.IdentifiabilityScorer;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;

/**
 * Fits several specifications on one simulated data set and scores each against the known latents. Fits run on
 * a fixed pool of worker threads; each fit is self-contained (own seed, own buffers), so results do not depend
 * on the order the pool runs them in.
 */
public final class SimulationFits {
    private SimulationFits() {
    }

    public static List<FitOutcome> run(SimulatedData sim, List<FitSpec> specs, int parallel, Consumer<String> log)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<FitOutcome>> futures = new ArrayList<>();
            for (FitSpec spec : specs) {
                futures.add(pool.submit(() -> fitAndScore(sim, spec, log)));
            }
            List<FitOutcome> out = new ArrayList<>();
            for (Future<FitOutcome> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(cause);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static FitOutcome fitAndScore(SimulatedData sim, FitSpec spec, Consumer<String> log) {
        long t0 = System.nanoTime();
        TrainingResult r = new Trainer(spec.model(), spec.training()).fit(sim.dataset(), TrainingMonitor.NONE);
        Embedding b = r.model().embed(sim.dataset().background().matrix());
        Embedding t = r.model().embed(sim.dataset().target().matrix());
        var scores = new IdentifiabilityScorer(spec.training().seed()).score(sim.backgroundShared(),
                sim.targetShared(), sim.targetSalient(), b.shared(), t.shared(), t.salient(), b.salient());
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(java.util.Locale.ROOT, "  %-34s %5.1fs  %d epochs  MCC z %.3f  t %.3f", spec.label(),
                seconds, r.history().size(), scores.sharedMcc(), scores.salientMcc()));
        return new FitOutcome(spec, r, b, t, scores, seconds);
    }
}
