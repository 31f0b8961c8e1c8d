package org.cdgm.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;

/**
 * One engine fit in its own JVM (so its peak memory is its own): reads the two matrices, trains the case for the
 * given epochs and prints one JSON line in the reference's format. Arguments: case background target epochs seed
 * [threads] (the engine's thread count, default 1; native code should run one thread each: OMP_NUM_THREADS=1).
 * With {@code -Dcdgm.bench.memory=true} it also prints where its resident memory is ({@link MemoryReport}) to
 * standard error after training.
 */
public final class EngineRun {
    private EngineRun() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkCase c = BenchmarkCase.named(args[0]);
        DenseCellMatrix b = MatrixFile.read(Path.of(args[1]));
        DenseCellMatrix t = MatrixFile.read(Path.of(args[2]));
        int epochs = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        List<String> genes = IntStream.range(0, b.genes()).mapToObj(j -> "g" + j).toList();
        ContrastiveDataset data = new ContrastiveDataset(genes, CellSet.withDefaultIds(Condition.BACKGROUND, b),
                CellSet.withDefaultIds(Condition.TARGET, t));
        TrainingResult r = new Trainer(c.model(b.genes()), c.training(epochs, seed, threads)).fit(data, TrainingMonitor.NONE);
        List<EpochReport> h = r.history();
        String seconds = h.stream().map(e -> String.format(Locale.ROOT, "%.4f", e.seconds()))
                .collect(Collectors.joining(", "));
        int steps = c.stepsPerEpoch(b.cells(), t.cells());
        System.out.printf(Locale.ROOT, "{\"implementation\": \"cdgm\", \"threads\": %s, \"epoch_seconds\": [%s], "
                        + "\"steps_per_epoch\": %d, \"peak_rss_mib\": %.1f, \"final_background_loss\": %.4f, "
                        + "\"final_target_loss\": %.4f, \"omp_threads\": \"%s\"}%n", threads,
                seconds, steps, PeakMemory.residentMib(), h.get(h.size() - 1).trainBackgroundLoss(),
                h.get(h.size() - 1).trainTargetLoss(), System.getenv().getOrDefault("OMP_NUM_THREADS", "?"));
        if (Boolean.getBoolean("cdgm.bench.memory")) {
            System.err.print(MemoryReport.text());
        }
    }
}
