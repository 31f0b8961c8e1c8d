package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;

/** The ranges {@link TrainingSettings} publishes (and the KNIME dialogs read) are the ones its constructor enforces. */
class TrainingSettingsRangesTest {
    private static final TrainingSettings D = TrainingSettings.defaults(TrainingMode.CONSTRAINED);

    /** A published range, whether it holds whole numbers, and the default record with that one setting changed. */
    private record Case(SettingRange range, boolean whole, DoubleFunction<TrainingSettings> with) {
    }

    private static final List<Case> CASES = List.of(
            new Case(TrainingSettings.PENALTY_WEIGHT, false, v -> D.withRegulariser(D.regulariser(), v)),
            new Case(TrainingSettings.EPSILON, false, v -> D.withConstraint(v, D.dualLearningRate())),
            new Case(TrainingSettings.DUAL_LEARNING_RATE, false, v -> D.withConstraint(D.epsilon(), v)),
            new Case(TrainingSettings.EPOCHS, true, v -> D.withEpochs((int) v)),
            new Case(TrainingSettings.BATCH_SIZE, true, v -> D.withBatchSize((int) v)),
            new Case(TrainingSettings.LEARNING_RATE, false, D::withLearningRate),
            new Case(TrainingSettings.VALIDATION_FRACTION, false, v -> D.withEarlyStopping(v, D.patience())),
            new Case(TrainingSettings.PATIENCE, true, v -> D.withEarlyStopping(D.validationFraction(), (int) v)),
            new Case(TrainingSettings.WARMUP_EPOCHS, true,
                    v -> D.withStabilisation((int) v, D.klWarmupEpochs(), D.gradientClip())),
            new Case(TrainingSettings.KL_WARMUP_EPOCHS, true,
                    v -> D.withStabilisation(D.warmupEpochs(), (int) v, D.gradientClip())),
            new Case(TrainingSettings.THREADS, true, v -> D.withThreads((int) v)));

    @Test
    void everyPublishedRangeIsChecked() throws IllegalAccessException {
        Set<SettingRange> published = new HashSet<>();
        for (Field f : TrainingSettings.class.getFields()) {
            if (f.getType() == SettingRange.class && Modifier.isStatic(f.getModifiers())) {
                published.add((SettingRange) f.get(null));
            }
        }
        Set<SettingRange> checked = new HashSet<>();
        CASES.forEach(c -> checked.add(c.range()));
        assertEquals(published, checked);
    }

    @Test
    void theEndsOfEachRangeAreAcceptedAndTheValuesJustOutsideRefused() {
        for (Case c : CASES) {
            SettingRange r = c.range();
            double low = c.whole() ? r.lowestInt() : r.lowestIncluded();
            double belowLow = c.whole() ? low - 1 : Math.nextDown(low);
            double high = c.whole() ? r.highestInt() : r.highestIncluded();
            assertDoesNotThrow(() -> c.with().apply(low), r + " at " + low);
            assertDoesNotThrow(() -> c.with().apply(high), r + " at " + high);
            assertRefused(c, belowLow);
            if (c.whole()) {
                assertTrue(r.max() == Double.POSITIVE_INFINITY ? high == Integer.MAX_VALUE : !r.contains(high + 1), r
                        + " has an int above its top");
            } else {
                assertRefused(c, Math.nextUp(high));
            }
        }
    }

    @Test
    void messagesStateTheRange() {
        assertEquals("Setting 'learning rate' must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> D.withLearningRate(1)).getMessage());
        assertEquals("Setting 'validation fraction' must be in [0, 0.9), got 0.9",
                assertThrows(IllegalArgumentException.class, () -> D.withEarlyStopping(0.9, 1)).getMessage());
        assertEquals("Setting 'batch size' must be at least 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> D.withBatchSize(1)).getMessage());
        assertEquals("Setting 'penalty weight' must be a finite number >= 0, got Infinity",
                assertThrows(IllegalArgumentException.class,
                        () -> D.withRegulariser(D.regulariser(), Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("Setting 'threads' must be at least 1, or 0 for auto, got -1",
                assertThrows(IllegalArgumentException.class, () -> D.withThreads(-1)).getMessage());
        assertEquals(Math.nextUp(0.0), TrainingSettings.LEARNING_RATE.lowestIncluded());
        assertEquals(Math.nextDown(0.9), TrainingSettings.VALIDATION_FRACTION.highestIncluded());
    }

    private static void assertRefused(Case c, double v) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.with().apply(v),
                c.range() + " accepted " + v);
        assertTrue(e.getMessage().startsWith("Setting '" + c.range().name() + "' must be "), e.getMessage());
    }
}
