package org.cdgm.engine.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/**
 * Drawing charts into PNG bytes, and the look all cdgm charts share. Charts are drawn by JFreeChart, a well-kept
 * pure-Java chart library with no further runtime dependency, into an off-screen {@link BufferedImage}: no display
 * or window is needed (headless) and the same input gives the same pixels and bytes.
 */
final class ChartImages {
    /** Colours of categories and curves (matplotlib's tab10, the palette of the engine's HTML report). */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0xbcbd22), new Color(0x7f7f7f)};
    /** Colour of cells without a value in the colour column. */
    static final Color MISSING = new Color(0xbbbbbb);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private ChartImages() {
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** A white XY plot with light grey grid lines. */
    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        plot.setOutlinePaint(Color.DARK_GRAY);
    }

    /**
     * Horizontal bars, one row per category, names on the left and values along the bottom, on white with light
     * grid lines: the layout of the scores and effects charts.
     *
     * @param labelWidth the largest share of the picture's width the category names may take
     */
    static CategoryPlot horizontalBars(CategoryDataset data, String categoryLabel, float labelWidth, NumberAxis value,
                                       CategoryItemRenderer bars) {
        CategoryAxis names = new CategoryAxis(categoryLabel);
        names.setMaximumCategoryLabelWidthRatio(labelWidth);
        CategoryPlot plot = new CategoryPlot(data, names, value, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        return plot;
    }

    static void title(JFreeChart chart, String title) {
        chart.setTitle(new TextTitle(title, TITLE_FONT));
        chart.setBackgroundPaint(Color.WHITE);
    }

    /** One chart filling the picture. */
    static byte[] png(JFreeChart chart, PlotSize size) {
        return png(List.of(chart), size);
    }

    /** Charts side by side, each the same share of the width. */
    static byte[] png(List<JFreeChart> charts, PlotSize size) {
        BufferedImage img = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size.width(), size.height());
            double w = size.width() / (double) charts.size();
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g, new Rectangle2D.Double(i * w, 0, w, size.height()));
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding of an in-memory picture failed", e);
        }
        return out.toByteArray();
    }
}
