package org.cdgm.cli.report;

import java.util.List;
import java.util.Locale;

/** Minimal, dependency-free SVG charts for reports: line charts of training curves and coloured scatter plots. */
public final class SvgPlot {
    private static final int W = 540;
    private static final int H = 300;
    private static final int LEFT = 58;
    /** Right margin holds the legend, so it never covers data. */
    private static final int RIGHT = 132;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};

    private SvgPlot() {
    }

    /** One curve of a line chart; NaN values are skipped. */
    public record Series(String name, double[] x, double[] y) {
    }

    /** A point set of one colour in a scatter plot. */
    public record Group(String name, double[] x, double[] y, String color) {
    }

    public static String color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        double[] box = bounds(series.stream().map(Series::x).toList(), series.stream().map(Series::y).toList(), false);
        StringBuilder sb = frame(title, xLabel, yLabel, box);
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < se.x().length; i++) {
                if (!Double.isFinite(se.y()[i])) {
                    continue;
                }
                path.append(path.length() == 0 ? "M" : "L").append(fmt(px(se.x()[i], box))).append(',')
                        .append(fmt(py(se.y()[i], box)));
            }
            sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color(s))
                    .append("\" stroke-width=\"1.6\"/>\n");
            legend(sb, s, se.name(), color(s));
        }
        return sb.append("</svg>\n").toString();
    }

    public static String scatter(String title, String xLabel, String yLabel, List<Group> groups) {
        double[] box = bounds(groups.stream().map(Group::x).toList(), groups.stream().map(Group::y).toList(), true);
        StringBuilder sb = frame(title, xLabel, yLabel, box);
        for (int g = 0; g < groups.size(); g++) {
            Group gr = groups.get(g);
            for (int i = 0; i < gr.x().length; i++) {
                sb.append("<circle cx=\"").append(fmt(px(gr.x()[i], box))).append("\" cy=\"")
                        .append(fmt(py(gr.y()[i], box))).append("\" r=\"1.6\" fill=\"").append(gr.color())
                        .append("\" fill-opacity=\"0.55\"/>");
            }
            sb.append('\n');
            legend(sb, g, gr.name(), gr.color());
        }
        return sb.append("</svg>\n").toString();
    }

    private static StringBuilder frame(String title, String xLabel, String yLabel, double[] box) {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" fill=\"white\"/>\n");
        sb.append("<text x=\"").append(W / 2).append("\" y=\"16\" text-anchor=\"middle\" font-size=\"13\">")
                .append(escape(title)).append("</text>\n");
        sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(W - LEFT - RIGHT).append("\" height=\"").append(H - TOP - BOTTOM)
                .append("\" fill=\"none\" stroke=\"#444\"/>\n");
        for (int i = 0; i <= 4; i++) {
            double xv = box[0] + (box[1] - box[0]) * i / 4;
            double yv = box[2] + (box[3] - box[2]) * i / 4;
            sb.append("<text x=\"").append(fmt(px(xv, box))).append("\" y=\"").append(H - BOTTOM + 14)
                    .append("\" text-anchor=\"middle\">").append(tick(xv)).append("</text>");
            sb.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(fmt(py(yv, box) + 4))
                    .append("\" text-anchor=\"end\">").append(tick(yv)).append("</text>\n");
        }
        sb.append("<text x=\"").append((LEFT + W - RIGHT) / 2).append("\" y=\"").append(H - 6)
                .append("\" text-anchor=\"middle\">").append(escape(xLabel)).append("</text>\n");
        sb.append("<text transform=\"translate(12,").append((TOP + H - BOTTOM) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(escape(yLabel)).append("</text>\n");
        return sb;
    }

    private static void legend(StringBuilder sb, int i, String name, String color) {
        int y = TOP + 12 + 14 * i;
        sb.append("<rect x=\"").append(W - RIGHT + 8).append("\" y=\"").append(y - 8)
                .append("\" width=\"9\" height=\"9\" fill=\"").append(color).append("\"/>");
        sb.append("<text x=\"").append(W - RIGHT + 21).append("\" y=\"").append(y).append("\">")
                .append(escape(name)).append("</text>\n");
    }

    /** {xmin, xmax, ymin, ymax} over finite values; y (and x when padX) padded by 5%. */
    private static double[] bounds(List<double[]> xs, List<double[]> ys, boolean padX) {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int k = 0; k < xs.size(); k++) {
            for (int i = 0; i < xs.get(k).length; i++) {
                double x = xs.get(k)[i];
                double y = ys.get(k)[i];
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.max(b[1], x);
                    b[2] = Math.min(b[2], y);
                    b[3] = Math.max(b[3], y);
                }
            }
        }
        if (!Double.isFinite(b[0])) {
            return new double[] {0, 1, 0, 1};
        }
        if (b[1] == b[0]) {
            b[1] += 1;
        }
        for (int a = padX ? 0 : 2; a < 4; a += 2) {
            double pad = (b[a + 1] - b[a]) * 0.05 + 1e-9;
            b[a] -= pad;
            b[a + 1] += pad;
        }
        return b;
    }

    private static double px(double x, double[] b) {
        return LEFT + (x - b[0]) / (b[1] - b[0]) * (W - LEFT - RIGHT);
    }

    private static double py(double y, double[] b) {
        return H - BOTTOM - (y - b[2]) / (b[3] - b[2]) * (H - TOP - BOTTOM);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        return a != 0 && (a >= 1e4 || a < 1e-2) ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
