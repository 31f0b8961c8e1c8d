package org.cdgm.engine.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

/** Decoding and pixel questions the plot tests ask of rendered PNGs. */
final class PlotImages {
    private PlotImages() {
    }

    static BufferedImage decode(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(img, "the bytes are not a readable PNG");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders twice: the PNG bytes must be identical, and the picture of the asked size. */
    static BufferedImage renderTwice(Supplier<byte[]> render, PlotSize size) {
        byte[] a = render.get();
        byte[] b = render.get();
        assertArrayEquals(a, b, "two renders of the same input differ");
        BufferedImage img = decode(a);
        assertEquals(size.width(), img.getWidth());
        assertEquals(size.height(), img.getHeight());
        return img;
    }

    /** Pixels of exactly this colour (RGB); plot colours are drawn exactly inside filled shapes. */
    static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
