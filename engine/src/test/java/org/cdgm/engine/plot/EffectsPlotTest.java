package org.cdgm.engine.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.cdgm.engine.analysis.PerturbationEffects.LabelEffect;
import org.cdgm.engine.data.InvalidInputException;
import org.junit.jupiter.api.Test;

class EffectsPlotTest {
    private static final PlotSize SIZE = new PlotSize(700, 400);

    @Test
    void drawsASalientAndASharedBarPerLabelByTheirCoefficients() {
        List<LabelEffect> effects = List.of(
                new LabelEffect("KO_A", 60, 1.2, 0.001, 0.002, 0.05, 0.3, 0.4, 0.5, 0.02),
                new LabelEffect("KO_B", 55, 0.01, 0.6, 0.6, 0.01, 0.7, 0.7, 0.01, 0.01));
        BufferedImage img = PlotImages.renderTwice(() -> EffectsPlot.render(effects, 0.05, SIZE), SIZE);
        int salient = PlotImages.count(img, 0xd62728);
        int shared = PlotImages.count(img, 0x1f77b4);
        assertTrue(salient > 2000, "KO_A's salient bar (H 0.5) is long: " + salient);
        assertTrue(shared < salient / 4, "the shared bars (H 0.02, 0.01) are short: " + shared);
    }

    @Test
    void nothingToDrawIsNamed() {
        assertEquals("There are no perturbation effects to plot", assertThrows(InvalidInputException.class,
                () -> EffectsPlot.render(List.of(), 0.05, SIZE)).getMessage());
    }
}
