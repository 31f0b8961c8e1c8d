package org.cdgm.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.numeric.HostBuffer;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;

/**
 * The numbers of docs/benchmarks.md's "Spark local mode vs single machine": the main job's simulation (2,000 + 2,000
 * cells, 100 genes) fitted CO-cVAE for a few epochs on one thread and on Spark local[2] with 2 partitions, same
 * seed, in one JVM; prints both fits' per-epoch losses, their largest difference and the seconds per epoch.
 * Run: see docs/spark.md.
 */
public final class SparkLocalBenchmark {
    private SparkLocalBenchmark() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        SimulationSettings sim = SimulationSettings.defaults();
        ContrastiveDataset data = Simulator.simulate(sim).dataset();
        ModelConfig config = ModelConfig.defaults(data.geneCount(), sim.noise()).withLatentSizes(2, 2);
        TrainingSettings s = TrainingSettings.defaults(TrainingMode.CONSTRAINED).withEpochs(epochs).withThreads(1)
                .withEarlyStopping(0.1, 0);
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("benchmark")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
        sc.setLogLevel("WARN");
        try {
            TrainingResult local = new Trainer(config, s).fit(data, TrainingMonitor.NONE);
            TrainingResult spark;
            try (SparkCells cells = SparkCells.distribute(sc, data, 2)) {
                spark = new Trainer(config, s).fit(cells, TrainingMonitor.NONE);
            }
            System.out.printf(Locale.ROOT, "%d + %d cells, %d genes, %s, batch %d, %d epochs%n",
                    data.background().cells(), data.target().cells(), data.geneCount(), s.mode(), s.batchSize(),
                    epochs);
            System.out.println("epoch  one-thread target loss  Spark local[2] target loss  one-thread s  Spark s");
            double worst = 0;
            for (int e = 0; e < epochs; e++) {
                EpochReport a = local.history().get(e);
                EpochReport b = spark.history().get(e);
                System.out.printf(Locale.ROOT, "%5d  %22.10g  %26.10g  %12.2f  %7.2f%n", e + 1, a.trainTargetLoss(),
                        b.trainTargetLoss(), a.seconds(), b.seconds());
                for (double[] pair : List.of(new double[] {a.trainTargetLoss(), b.trainTargetLoss()},
                        new double[] {a.trainBackgroundLoss(), b.trainBackgroundLoss()},
                        new double[] {a.validationTargetLoss(), b.validationTargetLoss()})) {
                    worst = Math.max(worst, Math.abs(pair[0] - pair[1]) / Math.abs(pair[0]));
                }
            }
            double[] pa = HostBuffer.read(local.model().parameters());
            double[] pb = HostBuffer.read(spark.model().parameters());
            double dp = 0;
            double scale = 0;
            for (int i = 0; i < pa.length; i++) {
                dp = Math.max(dp, Math.abs(pa[i] - pb[i]));
                scale = Math.max(scale, Math.abs(pa[i]));
            }
            System.out.printf(Locale.ROOT, "largest relative loss difference %.3g; parameters: largest difference "
                    + "%.3g of largest %.3g%n", worst, dp, scale);
            System.out.printf(Locale.ROOT, "median seconds per epoch: one thread %.2f, Spark local[2] %.2f (epoch 1 "
                    + "left out)%n", median(local), median(spark));
        } finally {
            sc.stop();
        }
    }

    private static double median(TrainingResult r) {
        double[] s = r.history().stream().skip(1).mapToDouble(EpochReport::seconds).sorted().toArray();
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }
}
