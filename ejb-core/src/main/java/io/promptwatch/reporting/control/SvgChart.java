package io.promptwatch.reporting.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A small line chart as inline SVG, for the HTML report to be read offline: no script, no font, no
 * external reference. Hours without a value break the line (a gap is not a zero); every point
 * carries its value as a tooltip ({@code <title>}). The y axis runs from {@code min} to {@code max}.
 */
final class SvgChart {

    static final int WIDTH = 520;
    static final int HEIGHT = 180;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private SvgChart() {
    }

    /**
     * @param label how a value and an axis end read (the report's own {@link Figures})
     */
    static String line(String title, List<Instant> x, List<Double> y, double min, double max, Function<Double, String> label) {
        double span = max > min ? max - min : 1;
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double step = x.size() > 1 ? plotW / (x.size() - 1) : 0;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\">");
        svg.append("<title>").append(HtmlRenderer.escape(title)).append("</title>");
        double bottom = TOP + plotH;
        svg.append(line(LEFT, TOP, LEFT, bottom, "axis")).append(line(LEFT, bottom, LEFT + plotW, bottom, "axis"));
        svg.append(text(LEFT - 6, TOP + 4, "end", label.apply(max)));
        svg.append(text(LEFT - 6, bottom, "end", label.apply(min)));
        for (int i = 0; i < x.size(); i += 6) {
            svg.append(text(LEFT + i * step, bottom + 16, "middle", HOUR.format(x.get(i))));
        }
        if (!x.isEmpty()) {
            svg.append(text(LEFT + (x.size() - 1) * step, bottom + 16, "middle", HOUR.format(x.get(x.size() - 1))));
        }
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < y.size(); i++) {
            Double v = y.get(i);
            if (v == null) {
                flush(svg, points);
                continue;
            }
            any = true;
            double px = LEFT + i * step;
            double py = TOP + plotH * (1 - (Math.max(min, Math.min(max, v)) - min) / span);
            points.append(coordinate(px)).append(',').append(coordinate(py)).append(' ');
            dots.append("<circle cx=\"").append(coordinate(px)).append("\" cy=\"").append(coordinate(py))
                    .append("\" r=\"2.5\"><title>").append(HOUR.format(x.get(i))).append(' ')
                    .append(HtmlRenderer.escape(label.apply(v))).append("</title></circle>");
        }
        flush(svg, points);
        svg.append(dots);
        if (!any) {
            svg.append(text(LEFT + plotW / 2, TOP + plotH / 2, "middle", "no records in any hour"));
        }
        return svg.append("</svg>").toString();
    }

    private static void flush(StringBuilder svg, StringBuilder points) {
        if (points.length() > 0) {
            svg.append("<polyline class=\"series\" points=\"").append(points.toString().trim()).append("\"/>");
            points.setLength(0);
        }
    }

    private static String line(double x1, double y1, double x2, double y2, String css) {
        return "<line class=\"" + css + "\" x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\"" + coordinate(x2)
                + "\" y2=\"" + coordinate(y2) + "\"/>";
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" text-anchor=\"" + anchor + "\">"
                + HtmlRenderer.escape(content) + "</text>";
    }

    private static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
