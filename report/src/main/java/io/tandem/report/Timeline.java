package io.tandem.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * A Gantt timeline as inline SVG: one lane per worker (or any resource), one bar per span of work, over a
 * time axis from 0 to the given span with ten labelled grid steps. Bars take a CSS class (give it a
 * {@code fill} rule with {@link HtmlPage#style}), show their tooltip on hover, and carry their label inside
 * when they are wide enough. Lanes appear in the order first named; lanes without bars are left out.
 *
 * {@snippet :
 * Timeline t = Timeline.over(1200.0, ms -> String.format("%.1f ms", ms));
 * t.lane("threads#0");
 * t.bar("threads#0", 0.0, 250.0, "succeeded", "compile\n250 ms", "compile");
 * }
 *
 * <p>Thread safety: a builder confined to one thread at a time; {@link #svg()} may be called repeatedly.
 */
public final class Timeline {
    private static final int LABEL = 110;
    private static final int CHART = 900;
    private static final int ROW = 28;

    private record Span(double start, double end, String cssClass, String tooltip, String label) {
    }

    private final double span;
    private final DoubleFunction<String> format;
    private final Map<String, List<Span>> lanes = new LinkedHashMap<>();

    private Timeline(double span, DoubleFunction<String> format) {
        this.span = span;
        this.format = format;
    }

    /** An empty timeline whose axis runs from 0 to {@code span} (positive), labelled with {@code format}. */
    public static Timeline over(double span, DoubleFunction<String> format) {
        if (!(span > 0) || Double.isInfinite(span)) {
            throw new IllegalArgumentException("span must be positive and finite, got " + span);
        }
        return new Timeline(span, Objects.requireNonNull(format, "format"));
    }

    /** Declares a lane, fixing its place in the order; bars may also name new lanes directly. */
    public Timeline lane(String name) {
        lanes.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new ArrayList<>());
        return this;
    }

    /**
     * Adds a bar from {@code start} to {@code end} on {@code lane}.
     *
     * @param cssClass the bar's CSS class (its colour)
     * @param tooltip  text shown on hover; may have several lines
     * @param label    text drawn inside the bar when it fits
     */
    public Timeline bar(String lane, double start, double end, String cssClass, String tooltip, String label) {
        Objects.requireNonNull(cssClass, "cssClass");
        Objects.requireNonNull(tooltip, "tooltip");
        Objects.requireNonNull(label, "label");
        if (!(start >= 0) || !(end >= start)) {
            throw new IllegalArgumentException("bar '" + label + "' needs 0 <= start <= end, got " + start + ".." + end);
        }
        lane(lane);
        lanes.get(lane).add(new Span(start, end, cssClass, tooltip, label));
        return this;
    }

    /** How many lanes have at least one bar. */
    public int laneCount() {
        return (int) lanes.values().stream().filter(l -> !l.isEmpty()).count();
    }

    /** The {@code <svg>} element, ending with a newline. */
    public String svg() {
        int height = 40 + laneCount() * ROW;
        StringBuilder h = new StringBuilder(512 + lanes.size() * 1024);
        h.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                LABEL + CHART + 20, height));
        for (int i = 0; i <= 10; i++) {
            double x = LABEL + CHART * i / 10.0;
            h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"20\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"14\" text-anchor=\"middle\" fill=\"#666\">%s</text>%n",
                    x, x, height, x, Html.escape(format.apply(span * i / 10))));
        }
        int row = 0;
        for (Map.Entry<String, List<Span>> lane : lanes.entrySet()) {
            if (lane.getValue().isEmpty()) {
                continue;
            }
            int y = 24 + row * ROW;
            h.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>%n", y + 17, Html.escape(lane.getKey())));
            for (Span s : lane.getValue()) {
                double x = LABEL + CHART * s.start() / span;
                double w = Math.max(1.0, CHART * (s.end() - s.start()) / span);
                h.append(String.format(Locale.ROOT,
                        "<g><title>%s</title><rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" rx=\"3\" class=\"%s\"/>",
                        Html.escape(s.tooltip()), x, y + 2, w, ROW - 6, Html.escape(s.cssClass())));
                if (w > 40) {
                    h.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" fill=\"#fff\">%s</text>",
                            x + 3, y + 17, Html.escape(Html.abbreviate(s.label(), Math.max(1, (int) (w / 7))))));
                }
                h.append("</g>\n");
            }
            row++;
        }
        return h.append("</svg>\n").toString();
    }
}
