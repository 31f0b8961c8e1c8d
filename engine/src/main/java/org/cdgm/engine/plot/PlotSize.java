package org.cdgm.engine.plot;

import org.cdgm.engine.data.InvalidInputException;

/**
 * Size of a rendered picture in pixels.
 *
 * @param width  width in pixels, {@value #MIN} to {@value #MAX}
 * @param height height in pixels, {@value #MIN} to {@value #MAX}
 * @throws InvalidInputException when a side is outside that range
 */
public record PlotSize(int width, int height) {
    /** Smallest side: below it titles, axes and legend no longer fit. */
    public static final int MIN = 200;
    /** Largest side: a 4000 x 4000 RGB picture already takes 64 MB while drawn. */
    public static final int MAX = 4000;
    /** The size the KNIME nodes use unless told otherwise. */
    public static final PlotSize DEFAULT = new PlotSize(800, 500);

    public PlotSize {
        check("Width", width);
        check("Height", height);
    }

    private static void check(String side, int px) {
        if (px < MIN || px > MAX) {
            throw new InvalidInputException(side + " of the picture is " + px + " px; it must be between " + MIN
                    + " and " + MAX + " px");
        }
    }
}
