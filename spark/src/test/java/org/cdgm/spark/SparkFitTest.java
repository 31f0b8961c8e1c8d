package org.cdgm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.io.ModelFile;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.Precision;
import org.cdgm.engine.model.TrainedModel;
import org.cdgm.engine.numeric.HostBuffer;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.cdgm.engine.training.EpochReport;
import org.cdgm.engine.training.Trainer;
import org.cdgm.engine.training.TrainingCancelledException;
import org.cdgm.engine.training.TrainingMode;
import org.cdgm.engine.training.TrainingMonitor;
import org.cdgm.engine.training.TrainingResult;
import org.cdgm.engine.training.TrainingSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fit on Spark (local[2]) against the same fit on one machine: same seed, same cells, same noise, so the same
 * numbers up to the order of the sums over a batch's cells.
 */
class SparkFitTest {
    private static final ContrastiveDataset DATA = Simulator.simulate(
            new SimulationSettings(300, 260, 20, 2, 2, 3, 1, Likelihood.POISSON, 0.1, 300, 5, 3)).dataset();

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("cdgm-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
        sc.setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    private static ModelConfig model(Precision precision) {
        ModelConfig d = ModelConfig.defaults(DATA.geneCount(), Likelihood.POISSON).withLatentSizes(2, 2)
                .withNetwork(32, 1, 1, org.cdgm.engine.model.Activation.RELU);
        return new ModelConfig(d.genes(), d.sharedDim(), d.salientDim(), d.hiddenWidth(), d.encoderLayers(),
                d.decoderLayers(), d.activation(), d.likelihood(), d.prior(), d.priorComponents(), precision,
                d.batchLevels());
    }

    private static TrainingSettings settings(TrainingMode mode) {
        return TrainingSettings.defaults(mode).withEpochs(4).withBatchSize(64).withThreads(1).withSeed(5);
    }

    private static TrainingResult local(ModelConfig config, TrainingSettings s) {
        return new Trainer(config, s).fit(DATA, TrainingMonitor.NONE);
    }

    private static TrainingResult onSpark(ModelConfig config, TrainingSettings s, int partitions) {
        try (SparkCells cells = SparkCells.distribute(sc, DATA, partitions)) {
            return new Trainer(config, s).fit(cells, TrainingMonitor.NONE);
        }
    }

    private static double[] losses(TrainingResult r) {
        List<Double> out = new ArrayList<>();
        for (EpochReport e : r.history()) {
            out.add(e.trainBackgroundLoss());
            out.add(e.trainTargetLoss());
            out.add(e.trainRegulariser());
            out.add(e.validationBackgroundLoss());
            out.add(e.validationTargetLoss());
            out.add(e.lambda());
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest
    @EnumSource(value = TrainingMode.class, names = {"CLASSIC", "MULTI_OBJECTIVE", "CONSTRAINED"})
    void onePartitionIsTheOneThreadFitBitForBit(TrainingMode mode) {
        ModelConfig config = model(Precision.FLOAT32);
        TrainingResult one = local(config, settings(mode));
        TrainingResult spark = onSpark(config, settings(mode), 1);
        assertArrayEquals(losses(one), losses(spark), "per-epoch losses, regulariser and lambda");
        assertArrayEquals(HostBuffer.read(one.model().parameters()), HostBuffer.read(spark.model().parameters()));
        assertEquals(one.bestEpoch(), spark.bestEpoch());
    }

    /**
     * Two partitions on two task threads: the gradients' sums over cells run in another order, so float64 numbers
     * differ from the one-machine fit's in the last digits, and the differences stay small over a few epochs
     * (measured: below 1e-15 relative to the largest value); 1e-9 leaves room and still catches any cell counted
     * twice, dropped or given the wrong noise (those change the losses in the second or third digit).
     */
    @ParameterizedTest
    @EnumSource(value = TrainingMode.class, names = {"CLASSIC", "MULTI_OBJECTIVE", "CONSTRAINED"})
    void twoPartitionsGiveTheOneMachineFitToRounding(TrainingMode mode) {
        ModelConfig config = model(Precision.FLOAT64);
        TrainingResult one = local(config, settings(mode));
        TrainingResult spark = onSpark(config, settings(mode), 2);
        assertClose(losses(one), losses(spark), 1e-9, "per-epoch losses");
        assertClose(HostBuffer.read(one.model().parameters()), HostBuffer.read(spark.model().parameters()), 1e-9,
                "parameters");
    }

    /**
     * Batches of 4 over 5 partitions: most partitions hold rows of one condition only in a step (the placeholder
     * path) or none; the fit still equals the one-machine fit to rounding (float64).
     */
    @Test
    void smallBatchesOverManyPartitionsGiveTheOneMachineFitToRounding() {
        ModelConfig config = model(Precision.FLOAT64);
        TrainingSettings s = TrainingSettings.defaults(TrainingMode.MULTI_OBJECTIVE).withEpochs(1).withBatchSize(4)
                .withThreads(1).withSeed(9);
        TrainingResult one = local(config, s);
        TrainingResult spark = onSpark(config, s, 5);
        assertClose(losses(one), losses(spark), 1e-9, "per-epoch losses");
        assertClose(HostBuffer.read(one.model().parameters()), HostBuffer.read(spark.model().parameters()), 1e-9,
                "parameters");
    }

    /** Largest difference at most {@code relative} x the largest magnitude (NaN where both are NaN). */
    static void assertClose(double[] expected, double[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i]) && Double.isNaN(actual[i])) {
                continue;
            }
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
        }
        System.out.printf("%s: max difference %.3g of max %.3g%n", what, diff, scale);
        assertTrue(diff <= relative * scale, what + ": max difference " + diff + " of max " + scale);
    }

    @Test
    void theModelFileOfASparkFitReadsBack(@TempDir Path dir) throws Exception {
        ModelConfig config = model(Precision.FLOAT32);
        TrainingResult spark = onSpark(config, settings(TrainingMode.CONSTRAINED).withEpochs(2), 2);
        Path file = dir.resolve("model.cdgm");
        ModelFile.save(spark.model(), file);
        TrainedModel back = ModelFile.load(file);
        assertEquals(DATA.genes(), back.genes());
        assertEquals(config, back.config());
        assertArrayEquals(HostBuffer.read(spark.model().parameters()), HostBuffer.read(back.parameters()));
        assertEquals(DATA.background().cells(), back.provenance().backgroundCells());
    }

    @Test
    void aBadValueOnAnExecutorIsReportedAsOnOneMachine() {
        // a negative count in the last target cell, which sits in the second partition
        int n = DATA.target().cells();
        int g = DATA.geneCount();
        float[] x = new float[n * g];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < g; j++) {
                x[i * g + j] = (float) DATA.target().matrix().get(i, j);
            }
        }
        x[(n - 1) * g + 7] = -2;
        ContrastiveDataset bad = new ContrastiveDataset(DATA.genes(), DATA.background(),
                new CellSet(Condition.TARGET, new DenseCellMatrix(n, g, x), DATA.target().cellIds()));
        ModelConfig config = model(Precision.FLOAT32);
        InvalidInputException expected = assertThrows(InvalidInputException.class,
                () -> new Trainer(config, settings(TrainingMode.CLASSIC)).fit(bad, TrainingMonitor.NONE));
        InvalidInputException e;
        try (SparkCells cells = SparkCells.distribute(sc, bad, 2)) {
            e = assertThrows(InvalidInputException.class,
                    () -> new Trainer(config, settings(TrainingMode.CLASSIC)).fit(cells, TrainingMonitor.NONE));
        }
        assertEquals(expected.getMessage(), e.getMessage());
        // the last target cell (260: "260th"), in the second partition
        assertTrue(e.getMessage().contains("(the " + n + "th target cell)")
                && e.getMessage().contains(DATA.genes().get(7)) && e.getMessage().contains("negative count"),
                e.getMessage());
    }

    @Test
    void cancellingStopsTheFitBetweenSteps() {
        AtomicInteger polls = new AtomicInteger();
        TrainingMonitor cancelAfterThree = new TrainingMonitor() {
            @Override
            public boolean isCancelled() {
                return polls.incrementAndGet() > 3;
            }
        };
        ModelConfig config = model(Precision.FLOAT32);
        try (SparkCells cells = SparkCells.distribute(sc, DATA, 2)) {
            TrainingCancelledException e = assertThrows(TrainingCancelledException.class,
                    () -> new Trainer(config, settings(TrainingMode.CONSTRAINED)).fit(cells, cancelAfterThree));
            assertTrue(e.getMessage().contains("epoch 1, step 4"), e.getMessage());
            // the cells are still there for another fit
            assertEquals(2, new Trainer(config, settings(TrainingMode.CLASSIC).withEpochs(2)).fit(cells,
                    TrainingMonitor.NONE).history().size());
        }
    }
}
