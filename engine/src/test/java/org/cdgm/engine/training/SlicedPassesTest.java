package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.Precision;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.model.network.ElboTerms;
import org.cdgm.engine.model.network.LatentCodes;
import org.cdgm.engine.numeric.HostBuffer;
import org.cdgm.engine.numeric.NativeThreads;
import org.cdgm.engine.objectives.Regulariser;
import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Data-parallel steps ({@link SlicedPasses}): the same step as one thread's up to the order of sums. */
class SlicedPassesTest {
    private static final SimulatedData SIM = Simulator.simulate(
            new SimulationSettings(120, 120, 10, 2, 2, 3, 1, Likelihood.POISSON, 0.1, 500, 5, 3));
    private static final ModelConfig MODEL = ModelConfig.defaults(10, Likelihood.POISSON).withNetwork(16, 1, 1,
            Activation.RELU);

    @Test
    void slicesAreContiguousAndDifferByAtMostOneCell() {
        assertArrayEquals(new int[] {0, 64, 128}, SlicedPasses.bounds(128, 2));
        assertArrayEquals(new int[] {0, 3, 5, 7}, SlicedPasses.bounds(7, 3));
        assertArrayEquals(new int[] {0, 2, 3, 4, 5}, SlicedPasses.bounds(5, 4)); // slices of one cell
    }

    /** The gradient buffers and terms of one step, and its codes. */
    private record Step(LatentCodes codes, ElboTerms terms, double regulariser, double[][] grads) {
    }

    /**
     * One float64 step of the MM-cVAE-regularised model on {@code rows} cells of each set (with a batch covariate
     * of 2 levels when asked), through the one-thread passes or sliced over {@code threads}.
     */
    private static Step step(int rows, int threads, boolean shared, boolean covariate) {
        ModelConfig config = new ModelConfig(10, 2, 2, 16, 1, 1, Activation.RELU, Likelihood.POISSON,
                PriorKind.MIXTURE_OF_GAUSSIANS, 3, Precision.FLOAT64, covariate ? 2 : 0);
        ContrastiveVae vae = new ContrastiveVae(config);
        INDArray params = vae.initialParameters(11);
        CellBatch b = batch(SIM.dataset().background().matrix(), rows, 0, covariate);
        CellBatch t = batch(SIM.dataset().target().matrix(), rows, 7, covariate);
        Regulariser reg = RegulariserKind.MM_CVAE.create(Double.NaN);
        Noise noise = Noise.draw(new SplittableRandom(5), rows, rows, config.sharedDim(), config.salientDim(),
                vae.dataType(), reg.needsSalientBackground());
        GradientBuffers grads = shared ? GradientBuffers.shared(vae.layout(), vae.dataType())
                : GradientBuffers.separate(vae.layout(), vae.dataType());
        SerialPasses serial = threads == 1 ? new SerialPasses(vae, null) : null;
        SlicedPasses sliced = threads == 1 ? null : new SlicedPasses(vae, null, threads, grads);
        try (StepPasses passes = threads == 1 ? serial : sliced) {
            LatentCodes codes = threads == 1 ? serial.forward(params, b, t, noise)
                    : sliced.forward(params, b, t, noise);
            CodeGradients extra = new CodeGradients();
            double r = reg.evaluate(codes, extra, 0.7);
            ElboTerms terms = passes.backward(extra, 0.9, grads);
            passes.endStep();
            return new Step(codes, terms, r, new double[][] {HostBuffer.read(grads.background()),
                HostBuffer.read(grads.target()), HostBuffer.read(grads.regulariser())});
        }
    }

    private static CellBatch batch(org.cdgm.engine.data.CellMatrix m, int rows, int first, boolean covariate) {
        double[][] x = new double[rows][];
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = new double[m.genes()];
            for (int j = 0; j < m.genes(); j++) {
                x[i][j] = m.get(first + i, j);
            }
            codes[i] = (i * 5) % 3 == 0 ? 1 : 0;
        }
        CellBatch c = CellBatch.withObservedLibrary(Nd4j.createFromArray(x));
        return covariate ? c.withBatchCodes(codes) : c;
    }

    @ParameterizedTest
    @CsvSource({"32, 2, false, false", "32, 2, true, false", "7, 3, false, true", "5, 4, true, false",
        "5, 4, false, true"})
    void aSlicedStepHasTheOneThreadStepsCodesLossesAndGradients(int rows, int threads, boolean shared,
                                                               boolean covariate) {
        Step one = step(rows, 1, shared, covariate);
        Step sliced = step(rows, threads, shared, covariate);
        // products over fewer rows may round differently in the last bit (BLAS kernels depend on the shape)
        assertArrayEquals(one.codes().sharedBackground().hostSample(), sliced.codes().sharedBackground().hostSample(),
                1e-12 * 10);
        assertArrayEquals(one.codes().salientTarget().hostSample(), sliced.codes().salientTarget().hostSample(),
                1e-12 * 10);
        assertEquals(rows, sliced.codes().salientBackground().rows(), "the codes of the whole batch");
        assertClose(one.regulariser(), sliced.regulariser());
        assertClose(one.terms().backgroundNll(), sliced.terms().backgroundNll());
        assertClose(one.terms().backgroundKlShared(), sliced.terms().backgroundKlShared());
        assertClose(one.terms().targetNll(), sliced.terms().targetNll());
        assertClose(one.terms().targetKlShared(), sliced.terms().targetKlShared());
        assertClose(one.terms().targetKlSalient(), sliced.terms().targetKlSalient());
        for (int k = 0; k < 3; k++) {
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < one.grads()[k].length; i++) {
                scale = Math.max(scale, Math.abs(one.grads()[k][i]));
                diff = Math.max(diff, Math.abs(one.grads()[k][i] - sliced.grads()[k][i]));
            }
            assertTrue(scale > 0, "buffer " + k + " holds a gradient");
            assertTrue(diff <= 1e-9 * scale, "buffer " + k + ": max difference " + diff + " of max " + scale);
        }
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void aWorkersExceptionReachesTheTrainingThreadAndClosingEndsTheThreads() {
        ContrastiveVae vae = new ContrastiveVae(MODEL.withBatchLevels(2));
        INDArray params = vae.initialParameters(1);
        CellBatch good = batch(SIM.dataset().background().matrix(), 8, 0, true);
        CellBatch bad = good.withBatchCodes(new int[] {0, 1, 0, 1, 0, 1, 0, 5}); // only the second slice's is wrong
        Noise noise = Noise.draw(new SplittableRandom(5), 8, 8, 2, 2, vae.dataType(), true);
        SlicedPasses passes = new SlicedPasses(vae, null, 2, GradientBuffers.shared(vae.layout(), vae.dataType()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try {
                passes.forward(params, good, bad, noise);
            } finally {
                passes.endStep();
            }
        });
        assertTrue(e.getMessage().contains("Batch code 5"), e.getMessage());
        assertTrue(workerThreadsAlive() > 0);
        passes.close();
        assertTrue(passes.isTerminated());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void nativeLibrariesRunOneThreadDuringAFitAndAnEmbedding(int threads) {
        // ND4J sets OpenBLAS's count from OMP_NUM_THREADS when its BLAS first starts: start it first, as a host
        // (KNIME: Nd4jStartup) has before any fit
        org.nd4j.linalg.factory.Nd4j.ones(2, 2).mmul(org.nd4j.linalg.factory.Nd4j.ones(2, 2));
        int host = NativeThreads.blasThreads();
        openblas_nolapack.blas_set_num_threads(2); // as inside KNIME, where OMP_NUM_THREADS is not set
        try {
            List<Integer> during = new ArrayList<>();
            TrainingResult r = new Trainer(MODEL, quick(threads).withEpochs(1)).fit(SIM.dataset(),
                    new TrainingMonitor() {
                        @Override
                        public void onProgress(double fraction, String message) {
                            during.add(NativeThreads.blasThreads());
                        }
                    });
            assertEquals(List.of(1), during.stream().distinct().toList(), "OpenBLAS threads while the fit ran");
            assertEquals(2, NativeThreads.blasThreads(), "OpenBLAS threads after the fit: the host's again");
            r.model().embed(SIM.dataset().target().matrix());
            assertEquals(2, NativeThreads.blasThreads(), "and after an embedding");
        } finally {
            openblas_nolapack.blas_set_num_threads(host);
        }
    }

    private static long workerThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("cdgm-training-")).count();
    }

    private static TrainingSettings quick(int threads) {
        return TrainingSettings.defaults(TrainingMode.MULTI_OBJECTIVE_CONSTRAINED).withEpochs(3).withBatchSize(32)
                .withEarlyStopping(0.1, 0).withThreads(threads);
    }

    @Test
    void twoThreadFitsAreIdenticalAndCloseToTheOneThreadFit() {
        TrainingResult a = new Trainer(MODEL, quick(2)).fit(SIM.dataset(), TrainingMonitor.NONE);
        TrainingResult b = new Trainer(MODEL, quick(2)).fit(SIM.dataset(), TrainingMonitor.NONE);
        TrainingResult one = new Trainer(MODEL, quick(1)).fit(SIM.dataset(), TrainingMonitor.NONE);
        double[] pa = HostBuffer.read(a.model().parameters());
        assertArrayEquals(pa, HostBuffer.read(b.model().parameters()), "reproducible for a given thread count");
        for (int k = 0; k < 3; k++) {
            assertEquals(a.history().get(k).trainTargetLoss(), b.history().get(k).trainTargetLoss(), 0);
            assertEquals(a.history().get(k).validationTargetLoss(), b.history().get(k).validationTargetLoss(), 0);
        }
        assertFalse(Arrays.equals(HostBuffer.read(one.model().parameters()), pa), "sums run in another order");
        // the first epoch's 4 steps start from the same parameters: float32 rounding apart, the same losses
        double l1 = one.history().get(0).trainBackgroundLoss() + one.history().get(0).trainTargetLoss();
        double l2 = a.history().get(0).trainBackgroundLoss() + a.history().get(0).trainTargetLoss();
        assertEquals(l1, l2, 1e-4 * Math.abs(l1), "first epoch's mean loss");
        assertEquals(0, workerThreadsAlive(), "every fit ends its threads");
    }

    @Test
    void theModelFileRecordsTheThreadCountAutoResolvedTo() {
        TrainingSettings auto = quick(2).withThreads(TrainingSettings.AUTO_THREADS);
        int resolved = auto.threadsFor(auto.batchSize(), SIM.dataset().geneCount());
        TrainingResult r = new Trainer(MODEL, auto).fit(SIM.dataset(), TrainingMonitor.NONE);
        TrainingSettings stored = r.model().provenance().settingsAs(TrainingSettings.class);
        assertEquals(resolved, stored.threads(), "the count the fit ran on, not 'auto'");
        assertEquals(auto.withThreads(resolved), stored);
    }

    @Test
    void aThreadCountAboveTheBatchIsLoweredWithANote() {
        TrainingResult r = new Trainer(MODEL, quick(8).withBatchSize(4).withEpochs(1)).fit(SIM.dataset(),
                TrainingMonitor.NONE);
        assertEquals(4, r.model().provenance().settingsAs(TrainingSettings.class).threads());
        assertTrue(r.notes().contains("Threads lowered from 8 to 4: a step has 4 cells of each condition, and each "
                + "thread needs at least one."), r.notes().toString());
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(processors < 4, r.notes().contains("4 threads on " + processors + " processors: the threads take "
                + "turns on the processors, which is slower than " + processors + " (automatic threads use "
                + processors + " for large steps)."), r.notes().toString());
        TrainingResult kept = new Trainer(MODEL, quick(2).withEpochs(1)).fit(SIM.dataset(), TrainingMonitor.NONE);
        assertTrue(kept.notes().stream().noneMatch(n -> n.startsWith("Threads lowered")), kept.notes().toString());
    }

    @Test
    void theFirstStepsLossMatchesOneThreadsToFloatRounding() {
        // a batch of all 108 training cells: one step per epoch, so the first epoch's loss is the first step's
        TrainingSettings s = quick(1).withEpochs(1).withBatchSize(108);
        double l1 = new Trainer(MODEL, s).fit(SIM.dataset(), TrainingMonitor.NONE).history().get(0).trainTargetLoss();
        double l3 = new Trainer(MODEL, s.withThreads(3)).fit(SIM.dataset(), TrainingMonitor.NONE).history().get(0)
                .trainTargetLoss();
        assertEquals(l1, l3, 1e-6 * Math.abs(l1));
    }

    @Test
    void aCancelledOrFailedFitEndsItsThreads() {
        int[] polls = {0};
        assertThrows(TrainingCancelledException.class, () -> new Trainer(MODEL, quick(2)).fit(SIM.dataset(),
                new TrainingMonitor() {
                    @Override
                    public boolean isCancelled() {
                        return ++polls[0] > 3;
                    }
                }));
        assertEquals(0, workerThreadsAlive(), "threads ended after cancelling");
        List<Integer> seen = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> new Trainer(MODEL, quick(2)).fit(SIM.dataset(),
                new TrainingMonitor() {
                    @Override
                    public void onProgress(double fraction, String message) {
                        seen.add(workerThreadsAlive() > 0 ? 1 : 0);
                        throw new IllegalStateException("the host failed");
                    }
                }));
        assertEquals(List.of(1), seen, "the fit ran on its worker thread");
        assertEquals(0, workerThreadsAlive(), "threads ended after an exception");
    }

    @Test
    void autoUsesAllProcessorsForLargeBatchesOnly() {
        TrainingSettings auto = TrainingSettings.defaults(TrainingMode.CONSTRAINED);
        assertEquals(TrainingSettings.AUTO_THREADS, auto.threads());
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(1, auto.threadsFor(128, 100), "the 100-gene simulation: one thread");
        assertEquals(Math.min(cores, 128), auto.threadsFor(128, 2000));
        assertEquals(Math.min(cores, 128), auto.threadsFor(128, 299), "the Papalexi screen");
        assertEquals(4, auto.withThreads(4).threadsFor(128, 10), "a given count is kept");
        assertEquals(2, auto.withThreads(2).withEpochs(3).withBatchSize(8).withLearningRate(0.1).withSeed(3)
                .withRegulariser(RegulariserKind.HSIC, 2).withConstraint(0.1, 0.2).withEarlyStopping(0, 0)
                .withStabilisation(0, 0, 0).threads(), "every with* keeps the thread count");
        assertEquals(3, auto.withThreads(8).threadsFor(3, 10), "never more threads than cells in a batch");
        assertEquals(1, new TrainingSettings(TrainingMode.CLASSIC, RegulariserKind.MM_CVAE, Double.NaN, 1, Double.NaN,
                0.5, 10, 128, 1e-2, 0.1, 0, 1, 0, 0, 0).threads(), "the settings from before threads: one");
    }
}
