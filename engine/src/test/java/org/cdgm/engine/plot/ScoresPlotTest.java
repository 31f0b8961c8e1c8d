package org.cdgm.engine.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.metrics.IdentifiabilityReport.Row;
import org.junit.jupiter.api.Test;

class ScoresPlotTest {
    private static final PlotSize SIZE = new PlotSize(700, 400);

    @Test
    void drawsOneBarPerScoreColouredByBlock() {
        List<Row> rows = List.of(new Row("shared_mcc", 0.9, "m"), new Row("salient_mcc", 0.7, "m"),
                new Row("salient_leakage_linear", Double.NaN, "m"), new Row("background_salient_spread", 0.2, "m"));
        BufferedImage img = PlotImages.renderTwice(() -> ScoresPlot.render(rows, SIZE), SIZE);
        assertTrue(PlotImages.count(img, 0x1f77b4) > 200, "no shared-space bar");
        assertTrue(PlotImages.count(img, 0xd62728) > 200, "no salient-space bar");
        assertTrue(PlotImages.count(img, 0x7f7f7f) > 50, "no bar for the other score");
    }

    @Test
    void leakageAndSpreadAreMarkedLowerIsBetter() {
        assertTrue(ScoresPlot.lowerIsBetter("salient_leakage_kernel"));
        assertTrue(ScoresPlot.lowerIsBetter("background_salient_spread"));
        assertTrue(!ScoresPlot.lowerIsBetter("shared_mcc") && !ScoresPlot.lowerIsBetter("stability_salient_r2"));
    }

    @Test
    void allNaNStillDrawsEveryRowSoTheScorerDoesNotFailOnItsPicture() {
        BufferedImage img = PlotImages.renderTwice(() -> ScoresPlot.render(List.of(new Row("shared_mcc", Double.NaN,
                "m"), new Row("salient_mcc", Double.NaN, "m")), SIZE), SIZE);
        assertTrue(PlotImages.count(img, 0x1f77b4) < 100, "no bar without a value (the legend swatch only)");
    }

    @Test
    void rejectsNoScoresAndRepeatedNames() {
        assertEquals("There are no scores to plot",
                assertThrows(InvalidInputException.class, () -> ScoresPlot.render(List.of(), SIZE)).getMessage());
        assertEquals("Score 'shared_mcc' appears twice; each score needs one bar",
                assertThrows(InvalidInputException.class, () -> ScoresPlot.render(List.of(
                        new Row("shared_mcc", 1, "m"), new Row("shared_mcc", 0.5, "m")), SIZE)).getMessage());
    }
}
