package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.objectives.RegulariserKind;
import org.cdgm.engine.simulation.SimulatedData;
import org.cdgm.engine.simulation.SimulationSettings;
import org.cdgm.engine.simulation.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {
    private static final SimulatedData SIM = Simulator.simulate(
            new SimulationSettings(120, 120, 10, 2, 2, 3, 1, Likelihood.GAUSSIAN, 0.1, 500, 5, 3));
    private static final ModelConfig MODEL = ModelConfig.defaults(10, Likelihood.GAUSSIAN).withNetwork(16, 1, 1,
            org.cdgm.engine.model.Activation.RELU);

    private static TrainingSettings quick(TrainingMode mode) {
        return TrainingSettings.defaults(mode).withEpochs(3).withBatchSize(32).withEarlyStopping(0.1, 0);
    }

    @Test
    void sameSeedGivesIdenticalParametersAndOtherSeedDoesNot() {
        TrainingResult a = new Trainer(MODEL, quick(TrainingMode.MULTI_OBJECTIVE_CONSTRAINED)).fit(SIM.dataset(),
                TrainingMonitor.NONE);
        TrainingResult b = new Trainer(MODEL, quick(TrainingMode.MULTI_OBJECTIVE_CONSTRAINED)).fit(SIM.dataset(),
                TrainingMonitor.NONE);
        TrainingResult c = new Trainer(MODEL, quick(TrainingMode.MULTI_OBJECTIVE_CONSTRAINED).withSeed(7))
                .fit(SIM.dataset(), TrainingMonitor.NONE);
        assertEquals(a.model().parameters(), b.model().parameters());
        assertEquals(a.history().get(2).trainTargetLoss(), b.history().get(2).trainTargetLoss(), 0);
        assertNotEquals(a.model().parameters(), c.model().parameters());
    }

    @ParameterizedTest
    @EnumSource(TrainingMode.class)
    void everyModeReportsItsControlsAndProgress(TrainingMode mode) {
        List<Double> progress = new ArrayList<>();
        List<EpochReport> epochs = new ArrayList<>();
        TrainingResult r = new Trainer(MODEL, quick(mode)).fit(SIM.dataset(), new TrainingMonitor() {
            @Override
            public void onEpoch(EpochReport report) {
                epochs.add(report);
            }

            @Override
            public void onProgress(double fraction, String message) {
                progress.add(fraction);
            }
        });
        assertEquals(3, epochs.size());
        assertEquals(r.history(), epochs);
        assertEquals(3 * 4 * 32 * 2, r.cellsProcessed()); // 108 training cells: 4 steps of 32 per epoch, 2 data sets
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress must not go back");
        }
        assertEquals(1.0, progress.get(progress.size() - 1), 0);
        for (EpochReport e : epochs) {
            assertEquals(mode.isMultiObjective(), !Double.isNaN(e.meanAlpha()));
            assertEquals(mode.isConstrained(), !Double.isNaN(e.lambda()));
            if (mode.isMultiObjective()) {
                assertTrue(e.meanAlpha() >= 0 && e.meanAlpha() <= 1);
            }
            if (mode.isConstrained()) {
                assertTrue(e.lambda() >= 0);
            }
            assertTrue(Double.isFinite(e.validationTargetLoss()));
        }
    }

    @Test
    void cancellationStopsTrainingWithoutAResult() {
        int[] polls = {0};
        TrainingCancelledException e = assertThrows(TrainingCancelledException.class,
                () -> new Trainer(MODEL, quick(TrainingMode.CLASSIC)).fit(SIM.dataset(), new TrainingMonitor() {
                    @Override
                    public boolean isCancelled() {
                        return ++polls[0] > 5;
                    }
                }));
        assertTrue(e.getMessage().contains("epoch 2"), e.getMessage()); // 4 steps per epoch: the 6th poll
    }

    private static ContrastiveDataset hugeValues() {
        double[][] huge = new double[40][10];
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 10; j++) {
                huge[i][j] = (i % 3 + 1) * 1e25 * (j + 1);
            }
        }
        List<String> genes = SIM.dataset().genes();
        return new ContrastiveDataset(genes,
                CellSet.withDefaultIds(Condition.BACKGROUND, DenseCellMatrix.of(huge)),
                CellSet.withDefaultIds(Condition.TARGET, DenseCellMatrix.of(huge)));
    }

    @Test
    void divergenceIsDetectedAndExplained() {
        ContrastiveDataset data = hugeValues();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(MODEL, quick(TrainingMode.CLASSIC).withBatchSize(16)).fit(data,
                        TrainingMonitor.NONE));
        assertTrue(e.getMessage().contains("epoch 1, step 1"), e.getMessage());
        assertTrue(e.getMessage().contains("likelihood"), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    }

    @Test
    void codesThatAreNoLongerNumbersAreReportedAsDivergenceNotByTheRegulariser() {
        // values near float32's largest: the encoder's first layer overflows to infinity, the codes to NaN
        double[][] extreme = new double[40][10];
        for (double[] row : extreme) {
            java.util.Arrays.fill(row, 3e38);
        }
        ContrastiveDataset data = new ContrastiveDataset(SIM.dataset().genes(),
                CellSet.withDefaultIds(Condition.BACKGROUND, DenseCellMatrix.of(extreme)),
                CellSet.withDefaultIds(Condition.TARGET, DenseCellMatrix.of(extreme)));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(MODEL, quick(TrainingMode.CONSTRAINED).withBatchSize(16)).fit(data,
                        TrainingMonitor.NONE));
        assertTrue(e.getMessage().contains("epoch 1, step 1"), e.getMessage());
        assertTrue(e.getMessage().contains("the latent codes"), e.getMessage());
        assertFalse(e.getMessage().contains("Kernel width"), e.getMessage());
    }

    /** One background cell and 40 target cells: 10 % validation leaves one training cell of the background. */
    private static ContrastiveDataset tiny() {
        double[][] one = new double[2][10];
        double[][] many = new double[40][10];
        return new ContrastiveDataset(SIM.dataset().genes(),
                CellSet.withDefaultIds(Condition.BACKGROUND, DenseCellMatrix.of(one)),
                CellSet.withDefaultIds(Condition.TARGET, DenseCellMatrix.of(many)));
    }

    @Test
    void warmUpAndClippingKeepTheSameFitFromBlowingUp() {
        // the case below without warm-up and clipping explodes in its first epoch; with the defaults it trains
        SimulatedData wide = Simulator.simulate(SimulationSettings.defaults().withSize(300, 300, 1000));
        ModelConfig config = ModelConfig.defaults(1000, Likelihood.GAUSSIAN);
        TrainingSettings settings = TrainingSettings.defaults(TrainingMode.MULTI_OBJECTIVE_CONSTRAINED).withEpochs(2)
                .withBatchSize(64).withLearningRate(1e-2).withEarlyStopping(0, 0); // default warm-up: 1 epoch
        List<Double> losses = new ArrayList<>();
        TrainingResult r = new Trainer(config, settings).fit(wide.dataset(), new TrainingMonitor() {
            @Override
            public void onEpoch(EpochReport report) {
                losses.add(report.trainBackgroundLoss() + report.trainTargetLoss());
            }
        });
        System.out.println("wide fit with warm-up and clipping: epoch losses " + losses + ", notes " + r.notes());
        assertEquals(2, losses.size());
        assertTrue(losses.get(1) < losses.get(0), "the loss falls: " + losses);
    }

    @Test
    void explodingButFiniteLossesAreCaughtToo() {
        // 1,000 genes with Adam 1e-2: the target loss grows by many orders of magnitude yet stays finite
        SimulatedData wide = Simulator.simulate(SimulationSettings.defaults().withSize(300, 300, 1000));
        ModelConfig config = ModelConfig.defaults(1000, Likelihood.GAUSSIAN);
        TrainingSettings settings = TrainingSettings.defaults(TrainingMode.MULTI_OBJECTIVE_CONSTRAINED).withEpochs(1)
                .withBatchSize(64).withLearningRate(1e-2).withEarlyStopping(0, 0).withStabilisation(0, 0, 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(config, settings).fit(wide.dataset(), TrainingMonitor.NONE));
        assertTrue(e.getMessage().contains("the training loss") && e.getMessage().contains("at the first step"),
                e.getMessage());
        assertTrue(e.getMessage().contains("try 0.001"), e.getMessage());
        // the same data with Adam 1e-3 trains
        TrainingResult ok = new Trainer(config, settings.withLearningRate(1e-3)).fit(wide.dataset(),
                TrainingMonitor.NONE);
        assertTrue(Double.isFinite(ok.history().get(0).trainTargetLoss()));
    }

    @Test
    void aBatchLargerThanTheSmallerTrainingSetIsLoweredWithANote() {
        // 120 + 120 cells, 10 % held out: 108 training cells each
        TrainingResult r = new Trainer(MODEL, quick(TrainingMode.CLASSIC).withBatchSize(200)).fit(SIM.dataset(),
                TrainingMonitor.NONE);
        assertEquals(List.of("Batch size lowered from 200 to 108: the background has 108 training cells (after "
                + "holding out 10% for validation), so each step uses all of them."), r.notes());
        assertEquals(3L * 2 * 108, r.cellsProcessed(), "one full batch of each set per epoch");
        assertTrue(new Trainer(MODEL, quick(TrainingMode.CLASSIC)).fit(SIM.dataset(), TrainingMonitor.NONE).notes()
                .isEmpty());

        List<String> notes = new java.util.ArrayList<>();
        assertEquals(128, Trainer.effectiveBatchSize(128, 500, 130, 0.1, notes));
        assertEquals(40, Trainer.effectiveBatchSize(128, 500, 40, 0.2, notes));
        assertEquals(List.of("Batch size lowered from 128 to 40: the target has 40 training cells (after holding "
                + "out 20% for validation), so each step uses all of them."), notes);
    }

    @Test
    void badInputIsRejectedBeforeTraining() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Trainer(MODEL, quick(TrainingMode.CLASSIC)).fit(tiny(), TrainingMonitor.NONE));
        assertTrue(e.getMessage().startsWith("Background has 1 training cells"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> new Trainer(ModelConfig.defaults(11, Likelihood.GAUSSIAN), quick(TrainingMode.CLASSIC))
                        .fit(SIM.dataset(), TrainingMonitor.NONE));
        assertTrue(e.getMessage().contains("11 genes"), e.getMessage());
        // simulated Gaussian data are not counts
        e = assertThrows(InvalidInputException.class,
                () -> new Trainer(ModelConfig.defaults(10, Likelihood.POISSON), quick(TrainingMode.CLASSIC))
                        .fit(SIM.dataset(), TrainingMonitor.NONE));
        assertTrue(e.getMessage().contains("count"), e.getMessage());
    }

    @Test
    void settingsNameTheBadSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.defaults(TrainingMode.CONSTRAINED).withRegulariser(RegulariserKind.NONE, 0));
        assertTrue(e.getMessage().contains("constrains a regulariser"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.defaults(TrainingMode.CLASSIC).withLearningRate(2));
        assertTrue(e.getMessage().contains("'learning rate'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.defaults(TrainingMode.CLASSIC).withBatchSize(1));
        assertTrue(e.getMessage().contains("'batch size'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.defaults(TrainingMode.CONSTRAINED).withConstraint(-1, 0.5));
        assertTrue(e.getMessage().contains("'epsilon'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.defaults(10, Likelihood.GAUSSIAN)
                .withLatentSizes(0, 2));
        assertTrue(e.getMessage().contains("k_z"), e.getMessage());
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        TrainingResult r = new Trainer(MODEL, TrainingSettings.defaults(TrainingMode.CLASSIC).withEpochs(40)
                .withBatchSize(32).withLearningRate(0.05).withEarlyStopping(0.2, 2)).fit(SIM.dataset(),
                TrainingMonitor.NONE);
        double best = r.history().get(r.bestEpoch() - 1).validationTargetLoss()
                + r.history().get(r.bestEpoch() - 1).validationBackgroundLoss();
        for (EpochReport e : r.history().subList(0, r.bestEpoch() - 1)) {
            assertFalse(e.validationTargetLoss() + e.validationBackgroundLoss() + e.validationRegulariser()
                    < best + r.history().get(r.bestEpoch() - 1).validationRegulariser() - 1e-9,
                    "an earlier epoch had a lower penalised validation loss");
        }
        if (r.stoppedEarly()) {
            assertEquals(r.bestEpoch() + 2, r.history().size());
        }
    }

    @Test
    void unconstrainedFitsReportTheConstraintAsNotMeasured() {
        TrainingResult r = new Trainer(MODEL, quick(TrainingMode.CLASSIC)).fit(SIM.dataset(), TrainingMonitor.NONE);
        assertEquals(ConstraintReport.Status.NOT_MEASURED, r.constraint().status());
        assertEquals(null, r.constraint().asBoolean());
        assertFalse(r.constraintMet());
    }

    @Test
    void constrainedFitsMeasureTheConstraintEvenWithoutValidationCells() {
        // before issue 11 a fit without validation cells reported "satisfied" having measured nothing
        TrainingResult r = new Trainer(MODEL, quick(TrainingMode.CONSTRAINED).withEarlyStopping(0, 0)
                .withConstraint(1e-9, 0.5)).fit(SIM.dataset(), TrainingMonitor.NONE);
        assertEquals(ConstraintReport.Status.NOT_MET, r.constraint().status(), r.constraint().describe());
        assertEquals(Boolean.FALSE, r.constraint().asBoolean());
        assertTrue(r.constraint().regulariser() > 1e-9);
        TrainingResult loose = new Trainer(MODEL, quick(TrainingMode.CONSTRAINED).withEarlyStopping(0, 0)
                .withConstraint(10, 0.5)).fit(SIM.dataset(), TrainingMonitor.NONE);
        assertEquals(ConstraintReport.Status.MET, loose.constraint().status(), loose.constraint().describe());
        assertEquals(3, loose.bestEpoch(), "without validation the latest feasible epoch is kept");
    }

    @Test
    void autoEpsilonIsTheMarginAboveTheMeasuredNoiseFloor() {
        TrainingSettings auto = quick(TrainingMode.CONSTRAINED).withConstraint(Double.NaN, 0.5);
        assertTrue(auto.autoEpsilon());
        TrainingResult r = new Trainer(MODEL, auto).fit(SIM.dataset(), TrainingMonitor.NONE);
        ConstraintReport c = r.constraint();
        assertTrue(c.noiseFloor() > 0 && c.noiseFloor() < 1, "floor " + c.noiseFloor());
        assertEquals(TrainingSettings.AUTO_EPSILON_MARGIN + c.noiseFloor(), c.epsilon(), 1e-12);
        TrainingResult fixed = new Trainer(MODEL, auto.withConstraint(0.3, 0.5)).fit(SIM.dataset(),
                TrainingMonitor.NONE);
        assertEquals(0.3, fixed.constraint().epsilon(), 0);
        // measured either way (over the first 10 steps, whose codes depend a little on epsilon through lambda)
        assertEquals(c.noiseFloor(), fixed.constraint().noiseFloor(), 0.05 * c.noiseFloor());
    }

    @Test
    void anAutomaticEpsilonOutOfReachIsRaisedOnceToTheLevelReached() {
        // a dual learning rate of 10,000 drives lambda far past 100 while the constraint is violated
        TrainingSettings auto = quick(TrainingMode.CONSTRAINED).withConstraint(Double.NaN, 1e4);
        TrainingResult r = new Trainer(MODEL, auto).fit(SIM.dataset(), TrainingMonitor.NONE);
        String note = r.notes().get(0);
        assertTrue(note.startsWith("The automatic epsilon ") && note.contains("could not be met")
                && note.endsWith(String.format(java.util.Locale.ROOT, "trained again with epsilon %.4g, the level "
                        + "this data reached plus 0.04.", r.constraint().epsilon())), r.notes().toString());
        assertTrue(r.constraint().epsilon() > r.constraint().noiseFloor() + TrainingSettings.AUTO_EPSILON_MARGIN,
                "raised above the automatic level: " + r.constraint());
        assertEquals(3, r.history().size(), "the history is the second fit's");
        // a fixed epsilon is the user's: never changed
        TrainingResult fixed = new Trainer(MODEL, auto.withConstraint(0.0001, 1e4)).fit(SIM.dataset(),
                TrainingMonitor.NONE);
        assertEquals(0.0001, fixed.constraint().epsilon(), 0);
        assertTrue(fixed.notes().stream().noneMatch(n -> n.contains("could not be met")), fixed.notes().toString());
    }

    @Test
    void risingLambdaAtTheEndIsNoted() {
        List<EpochReport> rising = new ArrayList<>();
        List<EpochReport> settled = new ArrayList<>();
        for (int e = 1; e <= 10; e++) {
            rising.add(new EpochReport(e, 1, 1, 0.1, 1, 1, 0.1, Double.NaN, 0.1 * e, 0));
            settled.add(new EpochReport(e, 1, 1, 0.1, 1, 1, 0.1, Double.NaN, e < 6 ? 0.1 * e : 0.5, 0));
        }
        String note = DualAscent.stillRising(rising).orElseThrow();
        assertTrue(note.contains("0.800 -> 1.00 over the last 2 epochs") && note.contains("raise epsilon"), note);
        assertTrue(DualAscent.stillRising(settled).isEmpty());
        assertTrue(DualAscent.stillRising(rising.subList(0, 2)).isEmpty(), "too short to tell");
        List<EpochReport> jitter = new ArrayList<>();
        for (int e = 1; e <= 10; e++) {
            jitter.add(new EpochReport(e, 1, 1, 0.1, 1, 1, 0.1, Double.NaN, e < 8 ? 0 : 3e-5, 0));
        }
        assertTrue(DualAscent.stillRising(jitter).isEmpty(), "0 -> 3e-5 is jitter, not a rising price");
    }

    @Test
    void newSettingsAreValidatedWithTheirNames() {
        TrainingSettings d = TrainingSettings.defaults(TrainingMode.CONSTRAINED);
        assertEquals("Setting 'learning-rate warm-up epochs' must be at least 0, got -1", assertThrows(
                IllegalArgumentException.class, () -> d.withStabilisation(-1, 0, 0)).getMessage());
        assertEquals("Setting 'KL warm-up epochs' must be at least 0, got -2", assertThrows(
                IllegalArgumentException.class, () -> d.withStabilisation(0, -2, 0)).getMessage());
        assertEquals("Setting 'gradient clipping' must be 0 (off) or a finite factor >= 1, got 0.5", assertThrows(
                IllegalArgumentException.class, () -> d.withStabilisation(0, 0, 0.5)).getMessage());
        assertEquals("Setting 'epsilon' must be a finite number >= 0, got -1.0", assertThrows(
                IllegalArgumentException.class, () -> d.withConstraint(-1, 0.5)).getMessage());
    }
}
