package org.cdgm.engine.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.training.EpochReport;
import org.junit.jupiter.api.Test;

class TrainingHistoryPlotTest {
    private static final PlotSize SIZE = new PlotSize(640, 480);

    /** A made-up history: decreasing losses, alpha and lambda NaN unless asked for. */
    static List<EpochReport> history(int epochs, boolean alpha, boolean lambda) {
        List<EpochReport> h = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            h.add(new EpochReport(e, 100.0 / e + 50, 120.0 / e + 60, 0.1 / e, 100.0 / e + 55, 120.0 / e + 65,
                    0.12 / e, alpha ? 0.5 + 0.02 * e : Double.NaN, lambda ? 0.3 * e : Double.NaN, 0.1));
        }
        return h;
    }

    @Test
    void rendersTheAskedSizeAndTheSameBytesTwice() {
        List<EpochReport> h = history(20, true, true);
        BufferedImage img = PlotImages.renderTwice(() -> TrainingHistoryPlot.render(h, 12, SIZE), SIZE);
        // train background is drawn in the first palette colour, alpha in the third, lambda in the fourth
        assertTrue(PlotImages.count(img, 0x1f77b4) > 20, "no background loss curve drawn");
        assertTrue(PlotImages.count(img, 0x2ca02c) > 20, "no alpha curve drawn");
        assertTrue(PlotImages.count(img, 0xff7f0e) > 20, "no lambda curve drawn");
    }

    @Test
    void epsilonIsALineOnTheRegulariserPanelEvenAboveEveryValue() {
        List<EpochReport> h = history(20, false, true);
        int without = PlotImages.count(PlotImages.decode(TrainingHistoryPlot.render(h, 12, Double.NaN, SIZE)), 0x9467bd);
        for (double epsilon : new double[] {0.01, 5.0}) { // inside the regulariser's range, and far above it
            int with = PlotImages.count(PlotImages.renderTwice(() -> TrainingHistoryPlot.render(h, 12, epsilon, SIZE),
                    SIZE), 0x9467bd);
            assertTrue(with > without + 100, "no epsilon line at " + epsilon + ": " + with + " vs " + without);
        }
    }

    @Test
    void leavesOutPanelsOfSeriesTheModeDoesNotHave() {
        BufferedImage classic = PlotImages.decode(TrainingHistoryPlot.render(history(20, false, false), 12, SIZE));
        assertEquals(0, PlotImages.count(classic, 0x2ca02c), "alpha drawn for a mode without it");
        assertEquals(0, PlotImages.count(classic, 0xff7f0e), "lambda drawn for a mode without it");
        byte[] withLambda = TrainingHistoryPlot.render(history(20, false, true), 12, SIZE);
        assertFalse(Arrays.equals(TrainingHistoryPlot.render(history(20, false, false), 12, SIZE), withLambda));
    }

    @Test
    void drawsAHistoryWithSomeNaNEpochsAndNoValidation() {
        List<EpochReport> h = new ArrayList<>();
        for (int e = 1; e <= 5; e++) {
            h.add(new EpochReport(e, e == 3 ? Double.NaN : 10 - e, 12 - e, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, 0.1));
        }
        PlotImages.renderTwice(() -> TrainingHistoryPlot.render(h, 0, SIZE), SIZE);
    }

    @Test
    void rejectsAnEmptyHistory() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingHistoryPlot.render(List.of(), 1, SIZE));
        assertEquals("The training history is empty (no epoch was trained): nothing to plot", e.getMessage());
    }

    @Test
    void rejectsAHistoryWithoutAnyFiniteLoss() {
        List<EpochReport> h = List.of(
                new EpochReport(1, Double.NaN, Double.NaN, 0.1, Double.NaN, Double.NaN, 0.1, 0.5, 1, 0.1),
                new EpochReport(2, Double.NaN, Double.POSITIVE_INFINITY, 0.1, Double.NaN, Double.NaN, 0.1, 0.5, 1, 0.1));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingHistoryPlot.render(h, 1, SIZE));
        assertEquals("The training history has 2 epochs but no finite loss (all NaN or infinite): nothing to plot; "
                + "training probably diverged", e.getMessage());
    }
}
