package io.tandem.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code tandem bench --report bench.html}: one self-contained HTML page (inline CSS and SVG, no script,
 * no network) with the machine's description, a summary of every scenario's winner and advice, and per
 * scenario a bar chart of the median time of every model (a whisker from the fastest to the slowest run;
 * a logarithmic axis when the times span more than 20x) above the full table. Models that were WRONG,
 * FAILED or SKIPPED are drawn as labelled empty rows, never left out; models that do not apply to a
 * scenario are listed, with the reason, in its table. Stateless.
 */
public final class HtmlReport {
    private static final int BAR_AREA = 560;
    private static final int LABEL = 170;
    private static final int ROW = 22;

    private HtmlReport() {
    }

    /** Writes {@code report} to {@code file} (UTF-8), replacing it. */
    public static void write(BenchReport report, Path file) throws IOException {
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    /** The page as a string. */
    public static String render(BenchReport report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        Machine m = report.machine();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>tandem bench</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}\n")
                .append("h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}\n")
                .append("table{border-collapse:collapse;margin:.6em 0}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}\n")
                .append("td:first-child,th:first-child,td.l{text-align:left}th{background:#f4f4f4}\n")
                .append(".advice{background:#f3f8ff;border-left:4px solid #3b7dd8;padding:.4em .8em}\n")
                .append(".bad{color:#b00020}.na{color:#888}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}\n")
                .append("svg text{font:12px system-ui,sans-serif}\n</style></head><body>\n");
        h.append("<h1>tandem bench").append(report.mode() == Mode.QUICK ? " --quick" : "").append("</h1>\n");
        h.append("<p>Generated ").append(esc(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)))
                .append(". Medians of the timed runs after warm-up; every answer was checked against an independent computation.</p>\n");
        h.append("<table><tr><th>machine</th><th></th></tr>\n");
        row(h, "CPU", m.cpuModel());
        row(h, "cores", Integer.toString(m.cores()));
        row(h, "memory", String.format(Locale.ROOT, "%.1f GiB", m.memoryMb() / 1024.0));
        row(h, "OS", m.os());
        row(h, "Java", m.java());
        row(h, "Python", m.python() == null ? "python3 not found (Python models skipped)" : m.python());
        row(h, "load average at start", m.loadAverage() >= 0 ? String.format(Locale.ROOT, "%.2f", m.loadAverage()) : "unknown");
        h.append("</table>\n");
        h.append("<p class=\"legend\">Bars:<span style=\"background:").append(color(Model.Kind.SEQUENTIAL)).append("\"></span>sequential")
                .append("<span style=\"background:").append(color(Model.Kind.TANDEM)).append("\"></span>Tandem")
                .append("<span style=\"background:").append(color(Model.Kind.JDK)).append("\"></span>plain JDK")
                .append("<span style=\"background:").append(color(Model.Kind.PYTHON)).append("\"></span>Python</p>\n");

        h.append("<h2>Summary</h2>\n<table><tr><th>scenario</th><th>winner</th><th>median</th><th>x seq</th><th>x best Python</th><th class=\"l\">advice</th></tr>\n");
        for (ScenarioResult s : report.scenarios()) {
            var w = s.winner();
            h.append("<tr><td><a href=\"#").append(esc(s.scenario().name())).append("\">").append(esc(s.scenario().name()))
                    .append("</a></td><td>").append(w.map(r -> esc(r.model().id())).orElse("-"))
                    .append("</td><td>").append(w.map(r -> BenchReport.seconds(r.median())).orElse("-"))
                    .append("</td><td>").append(w.map(r -> BenchReport.ratio(s.speedup(r))).orElse("-"))
                    .append("</td><td>").append(w.map(r -> BenchReport.ratio(s.vsBestPython(r))).orElse("-"))
                    .append("</td><td class=\"l\">").append(esc(s.advice())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append(ProgramsTable.html(report.scenarios()));

        for (ScenarioResult s : report.scenarios()) {
            h.append("<h2 id=\"").append(esc(s.scenario().name())).append("\">").append(esc(s.scenario().name())).append("</h2>\n");
            h.append("<p>").append(esc(s.scenario().description())).append(String.format(Locale.ROOT, " (N = %,d %s)", s.size(),
                    esc(s.scenario().unit()))).append("</p>\n");
            h.append("<p class=\"advice\"><b>Advice.</b> ").append(esc(s.advice())).append("</p>\n");
            chart(h, s);
            table(h, s);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void chart(StringBuilder h, ScenarioResult s) {
        List<ModelResult> rows = s.results().stream()
                .filter(r -> r.status() != ModelResult.Status.NOT_APPLICABLE).toList();
        double lo = rows.stream().filter(ModelResult::ok).mapToDouble(ModelResult::min).min().orElse(Double.NaN);
        double hi = rows.stream().filter(ModelResult::ok).mapToDouble(ModelResult::max).max().orElse(Double.NaN);
        int height = rows.size() * ROW + 30;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(LABEL + BAR_AREA + 110)
                .append("\" height=\"").append(height).append("\" aria-label=\"median time per model, ")
                .append(esc(s.scenario().name())).append("\">\n");
        boolean log = !Double.isNaN(lo) && hi / lo > 20;
        Scale scale = Double.isNaN(lo) ? null : new Scale(lo, hi, log);
        for (int i = 0; i < rows.size(); i++) {
            ModelResult r = rows.get(i);
            int y = 4 + i * ROW;
            h.append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(y + 14).append("\" text-anchor=\"end\">")
                    .append(esc(r.model().id())).append("</text>\n");
            if (!r.ok() || scale == null) {
                h.append("<text x=\"").append(LABEL + 4).append("\" y=\"").append(y + 14).append("\" fill=\"#b00020\">")
                        .append(esc(r.status().name())).append(r.message().isEmpty() ? "" : ": " + esc(abbreviate(r.message(), 80)))
                        .append("</text>\n");
                continue;
            }
            double x = scale.x(r.median());
            h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"%s><title>%s: median %s, %d runs</title></rect>%n",
                    LABEL, y + 3, Math.max(1, x), ROW - 8, color(r.model().kind()),
                    r.message().isEmpty() ? "" : " fill-opacity=\"0.45\"",
                    esc(r.model().description()), BenchReport.seconds(r.median()), r.seconds().size()));
            double x0 = scale.x(r.min());
            double x1 = scale.x(r.max());
            int mid = y + 3 + (ROW - 8) / 2;
            h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                    LABEL + x0, LABEL + x1, mid, mid));
            h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s%s</text>%n", LABEL + Math.max(x, x1) + 6, y + 14,
                    BenchReport.seconds(r.median()), r.message().isEmpty() ? "" : " (" + esc(abbreviate(r.message(), 40)) + ")"));
        }
        int axisY = rows.size() * ROW + 10;
        h.append("<line x1=\"").append(LABEL).append("\" x2=\"").append(LABEL + BAR_AREA).append("\" y1=\"").append(axisY)
                .append("\" y2=\"").append(axisY).append("\" stroke=\"#999\"/>\n");
        if (scale != null) {
            h.append("<text x=\"").append(LABEL).append("\" y=\"").append(axisY + 15).append("\" fill=\"#666\">")
                    .append(log ? BenchReport.seconds(scale.floor) + " (log scale)" : "0")
                    .append("</text><text x=\"").append(LABEL + BAR_AREA).append("\" y=\"").append(axisY + 15)
                    .append("\" text-anchor=\"end\" fill=\"#666\">").append(BenchReport.seconds(scale.top)).append("</text>\n");
        }
        h.append("</svg>\n");
    }

    private static void table(StringBuilder h, ScenarioResult s) {
        h.append("<table><tr><th>model</th><th>median</th><th>min</th><th>max</th><th>").append(esc(s.scenario().unit()))
                .append("/s</th><th>x seq</th><th>x py</th><th>CPU</th><th>peak RSS</th><th>runs</th><th class=\"l\">status</th></tr>\n");
        for (ModelResult r : s.results()) {
            h.append("<tr><td title=\"").append(esc(r.model().description())).append("\">").append(esc(r.model().id())).append("</td><td>")
                    .append(r.ok() ? BenchReport.seconds(r.median()) : "-").append("</td><td>")
                    .append(r.ok() ? BenchReport.seconds(r.min()) : "-").append("</td><td>")
                    .append(r.ok() ? BenchReport.seconds(r.max()) : "-").append("</td><td>")
                    .append(r.ok() ? BenchReport.rate(s.rate(r)) : "-").append("</td><td>")
                    .append(BenchReport.ratio(s.speedup(r))).append("</td><td>")
                    .append(BenchReport.ratio(s.vsBestPython(r))).append("</td><td>")
                    .append(BenchReport.percent(r.cpu())).append("</td><td>")
                    .append(Double.isNaN(r.peakRssMb()) ? "-" : String.format(Locale.ROOT, "%.0f MB", r.peakRssMb())).append("</td><td>")
                    .append(r.seconds().size()).append("</td><td class=\"l").append(switch (r.status()) {
                        case OK -> "";
                        case NOT_APPLICABLE -> " na";
                        default -> " bad";
                    })
                    .append("\">").append(esc(r.message().isEmpty() ? r.status().name() : r.status() + ": " + r.message()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Maps seconds to bar length: linear from 0, or logarithmic from a decade below the fastest run. */
    private static final class Scale {
        final double floor;
        final double top;
        final boolean log;

        Scale(double lo, double hi, boolean log) {
            this.log = log;
            this.top = hi;
            this.floor = log ? lo / 2 : 0;
        }

        double x(double seconds) {
            if (log) {
                return BAR_AREA * Math.log(seconds / floor) / Math.log(top / floor);
            }
            return top <= 0 ? 0 : BAR_AREA * seconds / top;
        }
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><td>").append(esc(k)).append("</td><td class=\"l\">").append(esc(v)).append("</td></tr>\n");
    }

    static String color(Model.Kind kind) {
        return switch (kind) {
            case SEQUENTIAL -> "#9e9e9e";
            case TANDEM -> "#3b7dd8";
            case JDK -> "#43a047";
            case PYTHON -> "#f0a030";
        };
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
