package io.tandem.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * A horizontal bar chart as inline SVG: one row per entry, in the order added. A {@link Bar} is drawn to its
 * value with a whisker from its low to its high value and a label after it; a row {@linkplain #missing missing}
 * its value shows its message in red instead, so nothing silently drops out of the chart. The axis starts at
 * 0, or is logarithmic (from half the lowest value) when the values span more than 20x, so a fast and a
 * slow entry both stay readable; the axis ends are labelled with {@link #axisFormat}.
 *
 * <p>Thread safety: a builder confined to one thread at a time; {@link #svg()} may be called repeatedly.
 */
public final class BarChart {
    private static final int LABEL = 170;
    private static final int AREA = 560;
    private static final int ROW = 22;
    private static final double LOG_SPAN = 20;

    /**
     * One bar.
     *
     * @param label      the row's label, left of the bar
     * @param value      the bar's length, in the chart's unit (not negative)
     * @param low        the whisker's start ({@code <= value})
     * @param high       the whisker's end ({@code >= value})
     * @param colour     a CSS colour
     * @param faded      drawn translucent (a value that came with a caveat)
     * @param tooltip    text shown on hover
     * @param valueLabel text written after the bar
     */
    public record Bar(String label, double value, double low, double high, String colour, boolean faded,
                      String tooltip, String valueLabel) {
        public Bar {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(colour, "colour");
            Objects.requireNonNull(tooltip, "tooltip");
            Objects.requireNonNull(valueLabel, "valueLabel");
            if (!(0 <= low && low <= value && value <= high) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("bar '" + label + "' needs 0 <= low <= value <= high, finite; got low="
                        + low + ", value=" + value + ", high=" + high);
            }
        }
    }

    private sealed interface Row permits BarRow, MissingRow {
    }

    private record BarRow(Bar bar) implements Row {
    }

    private record MissingRow(String label, String message) implements Row {
    }

    private final String description;
    private final List<Row> rows = new ArrayList<>();
    private DoubleFunction<String> axisFormat = v -> String.format(Locale.ROOT, "%.3g", v);

    private BarChart(String description) {
        this.description = description;
    }

    /** An empty chart; {@code description} is its accessible name (read by screen readers). */
    public static BarChart describedAs(String description) {
        return new BarChart(Objects.requireNonNull(description, "description"));
    }

    /** How axis values are written (default: three significant digits). */
    public BarChart axisFormat(DoubleFunction<String> format) {
        this.axisFormat = Objects.requireNonNull(format, "format");
        return this;
    }

    /** Adds a bar. */
    public BarChart add(Bar bar) {
        rows.add(new BarRow(Objects.requireNonNull(bar, "bar")));
        return this;
    }

    /** Adds a row that has no value, showing {@code message} in its place. */
    public BarChart missing(String label, String message) {
        rows.add(new MissingRow(Objects.requireNonNull(label, "label"), Objects.requireNonNull(message, "message")));
        return this;
    }

    /** The {@code <svg>} element, ending with a newline. */
    public String svg() {
        List<Bar> bars = rows.stream().filter(r -> r instanceof BarRow).map(r -> ((BarRow) r).bar()).toList();
        Scale scale = bars.isEmpty() ? null : new Scale(bars.stream().mapToDouble(Bar::low).min().orElseThrow(),
                bars.stream().mapToDouble(Bar::high).max().orElseThrow());
        StringBuilder h = new StringBuilder(256 + rows.size() * 400);
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(LABEL + AREA + 110)
                .append("\" height=\"").append(rows.size() * ROW + 30).append("\" aria-label=\"")
                .append(Html.escape(description)).append("\">\n");
        for (int i = 0; i < rows.size(); i++) {
            int y = 4 + i * ROW;
            switch (rows.get(i)) {
                case BarRow(Bar b) -> bar(h, b, y, scale);
                case MissingRow(String label, String message) -> {
                    label(h, label, y);
                    h.append("<text x=\"").append(LABEL + 4).append("\" y=\"").append(y + 14).append("\" fill=\"#b00020\">")
                            .append(Html.escape(message)).append("</text>\n");
                }
            }
        }
        int axisY = rows.size() * ROW + 10;
        h.append("<line x1=\"").append(LABEL).append("\" x2=\"").append(LABEL + AREA).append("\" y1=\"").append(axisY)
                .append("\" y2=\"").append(axisY).append("\" stroke=\"#999\"/>\n");
        if (scale != null) {
            h.append("<text x=\"").append(LABEL).append("\" y=\"").append(axisY + 15).append("\" fill=\"#666\">")
                    .append(Html.escape(scale.log ? axisFormat.apply(scale.floor) + " (log scale)" : "0"))
                    .append("</text><text x=\"").append(LABEL + AREA).append("\" y=\"").append(axisY + 15)
                    .append("\" text-anchor=\"end\" fill=\"#666\">").append(Html.escape(axisFormat.apply(scale.top)))
                    .append("</text>\n");
        }
        return h.append("</svg>\n").toString();
    }

    private static void label(StringBuilder h, String label, int y) {
        h.append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(y + 14).append("\" text-anchor=\"end\">")
                .append(Html.escape(label)).append("</text>\n");
    }

    private static void bar(StringBuilder h, Bar b, int y, Scale scale) {
        label(h, b.label(), y);
        double x = scale.x(b.value());
        h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"%s><title>%s</title></rect>%n",
                LABEL, y + 3, Math.max(1, x), ROW - 8, Html.escape(b.colour()), b.faded() ? " fill-opacity=\"0.45\"" : "",
                Html.escape(b.tooltip())));
        double x0 = scale.x(b.low());
        double x1 = scale.x(b.high());
        int mid = y + 3 + (ROW - 8) / 2;
        h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LABEL + x0, LABEL + x1, mid, mid));
        h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", LABEL + Math.max(x, x1) + 6, y + 14,
                Html.escape(b.valueLabel())));
    }

    /** Maps values to bar lengths: linear from 0, or logarithmic from half the lowest value. */
    private static final class Scale {
        final double floor;
        final double top;
        final boolean log;

        Scale(double lo, double hi) {
            this.log = lo > 0 && hi / lo > LOG_SPAN;
            this.top = hi;
            this.floor = log ? lo / 2 : 0;
        }

        double x(double v) {
            if (log) {
                return AREA * Math.log(v / floor) / Math.log(top / floor);
            }
            return top <= 0 ? 0 : AREA * v / top;
        }
    }
}
