package org.cdgm.engine.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.cdgm.engine.data.InvalidInputException;
import org.cdgm.engine.plot.LatentSpacePlot.Categories;
import org.cdgm.engine.plot.LatentSpacePlot.Cells;
import org.cdgm.engine.plot.LatentSpacePlot.Column;
import org.cdgm.engine.plot.LatentSpacePlot.Values;
import org.junit.jupiter.api.Test;

class LatentSpacePlotTest {
    private static final PlotSize SIZE = new PlotSize(900, 450);

    /** 300 cells, 2 shared and 3 salient dimensions, a condition, a numeric column and one missing label. */
    static Cells cells() {
        Random r = new Random(3);
        int n = 300;
        double[][] z = new double[n][2];
        double[][] t = new double[n][3];
        String[] condition = new String[n];
        double[] depth = new double[n];
        for (int i = 0; i < n; i++) {
            boolean target = i % 2 == 0;
            condition[i] = i == 7 ? null : target ? "target" : "background";
            z[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
            t[i] = new double[] {target ? 2 + r.nextGaussian() : 0.1 * r.nextGaussian(), r.nextGaussian(),
                r.nextGaussian()};
            depth[i] = i % 10 == 0 ? Double.NaN : 1000 + i;
        }
        Map<String, Column> cols = new LinkedHashMap<>();
        cols.put("condition", new Categories(condition));
        cols.put("depth", new Values(depth));
        return new Cells(z, t, cols);
    }

    @Test
    void colouredByACategoricalColumn() {
        Cells c = cells();
        BufferedImage img = PlotImages.renderTwice(() -> LatentSpacePlot.render(c, "condition", 1, 2, SIZE), SIZE);
        // background blue, target red (fixed colours of the conditions)
        assertTrue(PlotImages.count(img, 0x1f77b4) > 300, "background cells not drawn");
        assertTrue(PlotImages.count(img, 0xd62728) > 300, "target cells not drawn");
        assertTrue(PlotImages.count(img, 0xbbbbbb) > 5, "the cell without a condition is not grey");
    }

    @Test
    void backgroundIsBlueAndTargetRedWhicheverIsMoreFrequent() {
        for (boolean moreTargets : new boolean[] {false, true}) {
            int n = 200;
            double[][] xy = new double[n][];
            String[] labels = new String[n];
            for (int i = 0; i < n; i++) {
                boolean rare = i % 10 == 0;
                labels[i] = rare == moreTargets ? "background" : "target";
                // target cells on the right, background cells on the left
                xy[i] = new double[] {labels[i].equals("target") ? 1 + i * 1e-3 : -1 - i * 1e-3, i * 1e-2};
            }
            BufferedImage img = PlotImages.decode(LatentSpacePlot.render(new Cells(xy, xy,
                    Map.of("condition", new Categories(labels))), "condition", 1, 2, SIZE));
            int blueRight = 0;
            int redRight = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = img.getWidth() / 4; x < img.getWidth() / 2; x++) { // right half of the salient panel
                    int rgb = img.getRGB(x, y) & 0xffffff;
                    blueRight += rgb == 0x1f77b4 ? 1 : 0;
                    redRight += rgb == 0xd62728 ? 1 : 0;
                }
            }
            assertTrue(redRight > 50 && blueRight < redRight / 10, "target (right) must be red, more targets: "
                    + moreTargets + ", red " + redRight + ", blue " + blueRight);
        }
        assertEquals(Map.of("x", 0, "target", 1, "y", 2), LatentSpacePlot.colourIndices(List.of("x", "target", "y")));
    }

    @Test
    void aRareCategoryIsDrawnOnTopOfAFrequentOne() {
        // one rare cell (second colour) at (0, 0) shows as much alone as on top of 200 frequent cells there
        int alone = rarePixels(0);
        assertTrue(alone > 0, "the rare cell is not drawn");
        assertEquals(alone, rarePixels(200), "the rare cell is hidden under the frequent ones");
    }

    /** Pixels of the rare colour: frequent cells at (-1, -1), (1, 1) and {@code pile} at (0, 0), the rare one at (0, 0). */
    private static int rarePixels(int pile) {
        int n = 3 + pile;
        double[][] xy = new double[n][];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            xy[i] = i == 0 ? new double[] {-1, -1} : i == 1 ? new double[] {1, 1} : new double[] {0, 0};
            labels[i] = i == n - 1 ? "rare" : "frequent";
        }
        Cells c = new Cells(xy, xy, Map.of("kind", new Categories(labels)));
        return PlotImages.count(PlotImages.decode(LatentSpacePlot.render(c, "kind", 1, 2, SIZE)), 0xd62728);
    }

    @Test
    void colouredByANumericColumnOrOneColourAndOtherDimensions() {
        Cells c = cells();
        BufferedImage img = PlotImages.renderTwice(() -> LatentSpacePlot.render(c, "depth", 1, 2, SIZE), SIZE);
        assertTrue(PlotImages.count(img, 0xbbbbbb) > 50, "cells without a value are not grey");
        byte[] numeric = LatentSpacePlot.render(c, "depth", 1, 2, SIZE);
        byte[] plain = LatentSpacePlot.render(c, "", 1, 2, SIZE);
        byte[] otherPair = LatentSpacePlot.render(c, "", 1, 1, SIZE);
        assertFalse(Arrays.equals(numeric, plain));
        assertFalse(Arrays.equals(plain, otherPair));
        assertTrue(PlotImages.count(PlotImages.decode(plain), 0x1f77b4) > 300, "cells not drawn in one colour");
    }

    @Test
    void rejectsAnUnknownColumnAMissingDimensionAndNoCells() {
        Cells c = cells();
        assertEquals("Colour column 'x' is not in the table; its columns: [c0, c1, c2, c3, c4, c5, c6, c7, ... "
                + "(20 columns)]", assertThrows(InvalidInputException.class, () -> LatentSpacePlot.checkColourColumn(
                        "x", java.util.stream.IntStream.range(0, 20).mapToObj(i -> "c" + i).toList())).getMessage());
        assertEquals("Colour column 'cluster' is not in the table; its columns: [condition, depth]",
                assertThrows(InvalidInputException.class, () -> LatentSpacePlot.render(c, "cluster", 1, 2, SIZE))
                        .getMessage());
        assertEquals("The shared space has 2 dimensions; dimension 3 cannot be plotted (choose 1 to 2)",
                assertThrows(InvalidInputException.class, () -> LatentSpacePlot.render(c, "condition", 3, 1, SIZE))
                        .getMessage());
        assertEquals("There are no cells to plot (the input table is empty)",
                assertThrows(InvalidInputException.class, () -> new Cells(new double[0][], new double[0][],
                        Map.of())).getMessage());
        assertEquals("Column 'x' has 1 values for 2 cells", assertThrows(InvalidInputException.class,
                () -> new Cells(new double[2][2], new double[2][2], Map.of("x", new Values(new double[1]))))
                .getMessage());
    }

    @Test
    void rejectsCoordinatesThatAreAllNaN() {
        double[][] nan = {{Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}};
        double[][] ok = {{1, 2}, {3, 4}};
        assertEquals("No cell has finite salient coordinates 1 and 2 (all missing or NaN): nothing to plot",
                assertThrows(InvalidInputException.class, () -> LatentSpacePlot.render(new Cells(ok, nan, Map.of()),
                        null, 1, 2, SIZE)).getMessage());
    }

    @Test
    void sizeOutsideTheRangeIsNamed() {
        assertEquals("Width of the picture is 50 px; it must be between 200 and 4000 px",
                assertThrows(InvalidInputException.class, () -> new PlotSize(50, 400)).getMessage());
        assertEquals("Height of the picture is 5000 px; it must be between 200 and 4000 px",
                assertThrows(InvalidInputException.class, () -> new PlotSize(400, 5000)).getMessage());
    }
}
