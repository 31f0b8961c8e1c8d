package org.cdgm.engine.plot;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cdgm.engine.data.InvalidInputException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Cells in the learned latent spaces: two scatter panels side by side, the salient space (variation found only in
 * target cells) and the shared space (variation common to background and target cells), each showing a chosen pair
 * of dimensions. Points are coloured by an annotation column: one colour per value of a categorical column (the
 * {@value #MAX_CATEGORIES} most frequent values, the rest as "other"; background always blue, target always red), or a colour scale for a numeric one; cells
 * without a value are grey.
 */
public final class LatentSpacePlot {
    /** Values shown with their own colour: the palette's first nine; its tenth, grey, is "other". */
    public static final int MAX_CATEGORIES = 9;
    private static final Ellipse2D DOT = new Ellipse2D.Double(-2, -2, 4, 4);
    /** Key of cells without a label; no text value can equal it. */
    private static final String MISSING_KEY = "\u0000missing";

    private LatentSpacePlot() {
    }

    /** An annotation column of the cells, in the order of their coordinates. */
    public sealed interface Column permits Categories, Values {
        int size();
    }

    /** A categorical column; {@code null} is a missing value. */
    public record Categories(String[] labels) implements Column {
        @Override
        public int size() {
            return labels.length;
        }
    }

    /** A numeric column; NaN is a missing value. */
    public record Values(double[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }
    }

    /**
     * Coordinates of n cells and their annotation columns.
     *
     * @param shared  n x k_z shared coordinates
     * @param salient n x k_t salient coordinates
     * @param columns annotation columns by name, each of length n
     * @throws InvalidInputException when there are no cells, rows differ in length or a column has another length
     */
    public record Cells(double[][] shared, double[][] salient, Map<String, Column> columns) {
        public Cells {
            if (shared.length == 0) {
                throw new InvalidInputException("There are no cells to plot (the input table is empty)");
            }
            if (salient.length != shared.length) {
                throw new InvalidInputException("Shared coordinates are given for " + shared.length + " cells but "
                        + "salient ones for " + salient.length);
            }
            columns = new LinkedHashMap<>(columns);
            for (Map.Entry<String, Column> c : columns.entrySet()) {
                if (c.getValue().size() != shared.length) {
                    throw new InvalidInputException("Column '" + c.getKey() + "' has " + c.getValue().size()
                            + " values for " + shared.length + " cells");
                }
            }
        }
    }

    /**
     * Checks that a colour column exists; {@code null} or blank means a single colour.
     *
     * @throws InvalidInputException naming the column and the available ones
     */
    public static void checkColourColumn(String colourColumn, Collection<String> available) {
        if (colourColumn != null && !colourColumn.isBlank() && !available.contains(colourColumn)) {
            // A cell table has a column per gene: name the first few, say how many there are.
            List<String> names = new ArrayList<>(available);
            String shown = names.size() <= 8 ? names.toString()
                    : names.subList(0, 8).toString().replace("]", ", ... (" + names.size() + " columns)]");
            throw new InvalidInputException("Colour column '" + colourColumn + "' is not in the table; its columns: "
                    + shown);
        }
    }

    /**
     * Draws the salient and the shared space.
     *
     * @param cells        coordinates and annotation columns
     * @param colourColumn name of the column in {@code cells} that colours the points; null or blank: one colour
     * @param xDim         dimension (1-based, as in the column names "salient 1", ...) on the horizontal axis
     * @param yDim         dimension on the vertical axis; may equal {@code xDim}
     * @param size         picture size in pixels (both panels)
     * @return PNG bytes
     * @throws InvalidInputException for an unknown colour column, a dimension a space does not have or no finite
     *                               coordinate
     */
    public static byte[] render(Cells cells, String colourColumn, int xDim, int yDim, PlotSize size) {
        checkColourColumn(colourColumn, cells.columns().keySet());
        Column colour = colourColumn == null || colourColumn.isBlank() ? null : cells.columns().get(colourColumn);
        String colourName = colour == null ? null : colourColumn;
        return ChartImages.png(List.of(
                panel("Salient space (target-specific variation)", "salient", cells.salient(), colour, colourName,
                        xDim, yDim),
                panel("Shared space (common variation)", "shared", cells.shared(), colour, colourName, xDim,
                        yDim)), size);
    }

    private static JFreeChart panel(String title, String space, double[][] coords, Column colour, String colourName,
                                    int xDim, int yDim) {
        int dims = coords[0].length;
        for (int d : new int[] {xDim, yDim}) {
            if (d < 1 || d > dims) {
                throw new InvalidInputException("The " + space + " space has " + dims + " dimension"
                        + (dims == 1 ? "" : "s") + "; dimension " + d + " cannot be plotted (choose 1 to " + dims + ")");
            }
        }
        NumberAxis x = new NumberAxis(space + " " + xDim + " (latent units)");
        NumberAxis y = new NumberAxis(space + " " + yDim + " (latent units)");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot;
        JFreeChart chart;
        if (colour instanceof Values v) {
            plot = numeric(coords, v.values(), xDim - 1, yDim - 1, x, y);
            chart = new JFreeChart(null, null, plot, false);
            PaintScale scale = ((XYShapeRenderer) plot.getRenderer(0)).getPaintScale();
            NumberAxis axis = new NumberAxis(colourName + (plot.getDataset(1) != null ? " (grey: no value)" : ""));
            PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setStripWidth(10);
            legend.setMargin(4, 30, 4, 30);
            chart.addSubtitle(legend);
        } else {
            Categories c = colour instanceof Categories cat ? cat : null;
            plot = categorical(coords, c == null ? null : c.labels(), colourName, xDim - 1, yDim - 1, x, y);
            chart = new JFreeChart(null, null, plot, false);
            chart.addSubtitle(bottomLegend(plot));
        }
        int finite = 0;
        for (double[] p : coords) {
            if (Double.isFinite(p[xDim - 1]) && Double.isFinite(p[yDim - 1])) {
                finite++;
            }
        }
        if (finite == 0) {
            throw new InvalidInputException("No cell has finite " + space + " coordinates " + xDim + " and " + yDim
                    + " (all missing or NaN): nothing to plot");
        }
        ChartImages.title(chart, title);
        return chart;
    }

    private static LegendTitle bottomLegend(XYPlot plot) {
        LegendTitle legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(legend.getItemFont().deriveFont(11f));
        return legend;
    }

    /** One series per shown category (most frequent first, ties by name), then "other", then "missing". */
    private static XYPlot categorical(double[][] coords, String[] labels, String colourName, int xi, int yi,
                                      NumberAxis x, NumberAxis y) {
        Map<String, Integer> counts = new TreeMap<>();
        if (labels != null) {
            for (String l : labels) {
                if (l != null) {
                    counts.merge(l, 1, Integer::sum);
                }
            }
        }
        List<String> order = new ArrayList<>(counts.keySet());
        order.sort(Comparator.comparing((String l) -> -counts.get(l)));
        List<String> shown = order.subList(0, Math.min(order.size(), MAX_CATEGORIES));
        String other = "other (" + (order.size() - shown.size()) + " values)";
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (String l : shown) {
            series.put(l, new XYSeries(colourName + " = " + l, false, true));
        }
        String all = labels == null ? "all cells (" + coords.length + ")" : null;
        for (int i = 0; i < coords.length; i++) {
            String key = labels == null ? all : labels[i] == null ? MISSING_KEY : shown.contains(labels[i])
                    ? labels[i] : other;
            XYSeries s = series.computeIfAbsent(key, k -> new XYSeries(
                    k.equals(MISSING_KEY) ? colourName + " missing" : k, false, true));
            if (Double.isFinite(coords[i][xi]) && Double.isFinite(coords[i][yi])) {
                s.add(coords[i][xi], coords[i][yi]);
            }
        }
        // The legend lists categories by frequency, then "other" and "missing". They are drawn the other way round
        // (missing, other, the most frequent, ..., the rarest), so a rare category stays visible on top of a large
        // one, such as a few hundred control cells among 20,000 perturbed ones.
        List<String> legendOrder = new ArrayList<>(series.keySet());
        legendOrder.sort(Comparator.comparingInt(k -> k.equals(other) ? 1 : k.equals(MISSING_KEY) ? 2 : 0));
        List<String> drawOrder = new ArrayList<>();
        for (String k : List.of(MISSING_KEY, other)) {
            if (series.containsKey(k)) {
                drawOrder.add(k);
            }
        }
        legendOrder.stream().filter(k -> !drawOrder.contains(k)).forEach(drawOrder::add);
        Map<String, Integer> colours = colourIndices(legendOrder);
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < drawOrder.size(); i++) {
            String k = drawOrder.get(i);
            data.addSeries(series.get(k));
            r.setSeriesPaint(i, k.equals(MISSING_KEY) ? ChartImages.MISSING : k.equals(other) ? ChartImages.color(9)
                    : ChartImages.color(colours.get(k)));
            r.setSeriesShape(i, DOT);
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        LegendItemCollection legend = new LegendItemCollection();
        for (String k : legendOrder) {
            legend.add(r.getLegendItem(0, drawOrder.indexOf(k)));
        }
        plot.setFixedLegendItems(legend);
        ChartImages.style(plot);
        return plot;
    }

    /**
     * Palette positions of the shown categories: the conditions cdgm writes keep theirs in every picture
     * (background blue, target red), so two plots can be compared at a glance; other values take the remaining
     * colours by frequency.
     */
    static Map<String, Integer> colourIndices(List<String> byFrequency) {
        Map<String, Integer> out = new LinkedHashMap<>();
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (Map.Entry<String, Integer> fixed : FIXED_COLOURS.entrySet()) {
            if (byFrequency.contains(fixed.getKey())) {
                out.put(fixed.getKey(), fixed.getValue());
                used.add(fixed.getValue());
            }
        }
        int next = 0;
        for (String k : byFrequency) {
            if (!out.containsKey(k)) {
                while (used.contains(next)) {
                    next++;
                }
                out.put(k, next);
                used.add(next);
            }
        }
        return out;
    }

    /** The condition column's values as the reader, the simulator and the learner write them. */
    private static final Map<String, Integer> FIXED_COLOURS = Map.of("background", 0, "target", 1);

    /** Cells with a value coloured on a blue-to-yellow scale over the value range; the others grey. */
    private static XYPlot numeric(double[][] coords, double[] values, int xi, int yi, NumberAxis x, NumberAxis y) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<double[]> valued = new ArrayList<>();
        XYSeries missing = new XYSeries("no value", false, true);
        for (int i = 0; i < coords.length; i++) {
            if (!Double.isFinite(coords[i][xi]) || !Double.isFinite(coords[i][yi])) {
                continue;
            }
            if (Double.isFinite(values[i])) {
                valued.add(new double[] {coords[i][xi], coords[i][yi], values[i]});
                lo = Math.min(lo, values[i]);
                hi = Math.max(hi, values[i]);
            } else {
                missing.add(coords[i][xi], coords[i][yi]);
            }
        }
        if (valued.isEmpty()) {
            lo = 0;
            hi = 1;
        } else if (hi == lo) {
            hi = lo + 1;
        }
        double[][] xyz = new double[3][valued.size()];
        for (int i = 0; i < valued.size(); i++) {
            for (int k = 0; k < 3; k++) {
                xyz[k][i] = valued.get(i)[k];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("cells", xyz);
        XYShapeRenderer r = new XYShapeRenderer();
        r.setPaintScale(new Gradient(lo, hi));
        r.setDefaultShape(DOT);
        r.setDrawOutlines(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        if (missing.getItemCount() > 0) {
            XYLineAndShapeRenderer grey = new XYLineAndShapeRenderer(false, true);
            grey.setSeriesPaint(0, ChartImages.MISSING);
            grey.setSeriesShape(0, DOT);
            plot.setDataset(1, new XYSeriesCollection(missing));
            plot.setRenderer(1, grey);
        }
        ChartImages.style(plot);
        return plot;
    }

    /** Viridis-like colours (dark blue, teal, yellow) by linear interpolation over [lower, upper]. */
    private record Gradient(double lower, double upper) implements PaintScale {
        private static final Color[] STOPS = {new Color(0x440154), new Color(0x31688e), new Color(0x35b779),
            new Color(0xfde725)};

        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Color getPaint(double value) {
            double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (STOPS.length - 1);
            int i = Math.min((int) t, STOPS.length - 2);
            double f = t - i;
            Color a = STOPS[i];
            Color b = STOPS[i + 1];
            return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }
}
