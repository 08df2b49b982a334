package io.tandem.bench;

import io.tandem.report.BarChart;
import io.tandem.report.Cell;
import io.tandem.report.Html;
import io.tandem.report.HtmlPage;
import io.tandem.report.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tandem bench --report bench.html}: one self-contained HTML page (inline CSS and SVG, no script,
 * no network; built with the {@code io.tandem.report} toolkit) with the machine's description, a summary of
 * every scenario's winner and advice, and per scenario a bar chart of the median time of every model (a
 * whisker from the fastest to the slowest run; a logarithmic axis when the times span more than 20x) above
 * the full table. Models that were WRONG, FAILED or SKIPPED are drawn as labelled empty rows, never left out;
 * models that do not apply to a scenario are listed, with the reason, in its table. Stateless.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Writes {@code report} to {@code file} (UTF-8), replacing it. */
    public static void write(BenchReport report, Path file) throws IOException {
        page(report).write(file);
    }

    /** The page as a string. */
    public static String render(BenchReport report) {
        return page(report).html();
    }

    private static HtmlPage page(BenchReport report) {
        Machine m = report.machine();
        HtmlPage page = HtmlPage.titled("tandem bench")
                .h1("tandem bench" + (report.mode() == Mode.QUICK ? " --quick" : ""))
                .paragraph("Generated " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)
                        + ". Medians of the timed runs after warm-up; every answer was checked against an independent computation.");
        page.append(Table.withHeader("machine", "")
                .row("CPU", Cell.of(m.cpuModel()).withClass("l"))
                .row("cores", Cell.of(Integer.toString(m.cores())).withClass("l"))
                .row("memory", Cell.of(String.format(Locale.ROOT, "%.1f GiB", m.memoryMb() / 1024.0)).withClass("l"))
                .row("OS", Cell.of(m.os()).withClass("l"))
                .row("Java", Cell.of(m.java()).withClass("l"))
                .row("Python", Cell.of(m.python() == null ? "python3 not found (Python models skipped)" : m.python()).withClass("l"))
                .row("load average at start", Cell.of(m.loadAverage() >= 0
                        ? String.format(Locale.ROOT, "%.2f", m.loadAverage()) : "unknown").withClass("l")));
        Map<String, String> legend = new LinkedHashMap<>();
        legend.put(color(Model.Kind.SEQUENTIAL), "sequential");
        legend.put(color(Model.Kind.TANDEM), "Tandem");
        legend.put(color(Model.Kind.JDK), "plain JDK");
        legend.put(color(Model.Kind.PYTHON), "Python");
        page.legend("Bars:", legend);

        page.h2(null, "Summary");
        Table summary = Table.withHeader("scenario", "winner", "median", "x seq", "x best Python", Cell.of("advice").withClass("l"));
        for (ScenarioResult s : report.scenarios()) {
            var w = s.winner();
            summary.row(Cell.of(s.scenario().name()).withLink("#" + s.scenario().name()),
                    w.map(r -> r.model().id()).orElse("-"),
                    w.map(r -> BenchReport.seconds(r.median())).orElse("-"),
                    w.map(r -> BenchReport.ratio(s.speedup(r))).orElse("-"),
                    w.map(r -> BenchReport.ratio(s.vsBestPython(r))).orElse("-"),
                    Cell.of(s.advice()).withClass("l"));
        }
        page.append(summary);
        ProgramsTable.html(page, report.scenarios());

        for (ScenarioResult s : report.scenarios()) {
            page.h2(s.scenario().name(), s.scenario().name())
                    .paragraph(s.scenario().description() + String.format(Locale.ROOT, " (N = %,d %s)", s.size(), s.scenario().unit()))
                    .note("advice", "Advice.", s.advice())
                    .append(chart(s))
                    .append(table(s));
        }
        return page;
    }

    private static BarChart chart(ScenarioResult s) {
        BarChart chart = BarChart.describedAs("median time per model, " + s.scenario().name()).axisFormat(BenchReport::seconds);
        for (ModelResult r : s.results()) {
            if (r.status() == ModelResult.Status.NOT_APPLICABLE) {
                continue;
            }
            if (!r.ok()) {
                chart.missing(r.model().id(), r.status().name()
                        + (r.message().isEmpty() ? "" : ": " + Html.abbreviate(r.message(), 80)));
                continue;
            }
            String median = BenchReport.seconds(r.median());
            chart.add(new BarChart.Bar(r.model().id(), r.median(), r.min(), r.max(), color(r.model().kind()),
                    !r.message().isEmpty(), r.model().description() + ": median " + median + ", " + r.seconds().size() + " runs",
                    median + (r.message().isEmpty() ? "" : " (" + Html.abbreviate(r.message(), 40) + ")")));
        }
        return chart;
    }

    private static Table table(ScenarioResult s) {
        Table t = Table.withHeader("model", "median", "min", "max", s.scenario().unit() + "/s", "x seq", "x py", "CPU",
                "peak RSS", "runs", Cell.of("status").withClass("l"));
        for (ModelResult r : s.results()) {
            String statusClass = switch (r.status()) {
                case OK -> "l";
                case NOT_APPLICABLE -> "l na";
                default -> "l bad";
            };
            t.row(Cell.of(r.model().id()).withTitle(r.model().description()),
                    r.ok() ? BenchReport.seconds(r.median()) : "-",
                    r.ok() ? BenchReport.seconds(r.min()) : "-",
                    r.ok() ? BenchReport.seconds(r.max()) : "-",
                    r.ok() ? BenchReport.rate(s.rate(r)) : "-",
                    BenchReport.ratio(s.speedup(r)),
                    BenchReport.ratio(s.vsBestPython(r)),
                    BenchReport.percent(r.cpu()),
                    Double.isNaN(r.peakRssMb()) ? "-" : String.format(Locale.ROOT, "%.0f MB", r.peakRssMb()),
                    r.seconds().size(),
                    Cell.of(r.message().isEmpty() ? r.status().name() : r.status() + ": " + r.message()).withClass(statusClass));
        }
        return t;
    }

    static String color(Model.Kind kind) {
        return switch (kind) {
            case SEQUENTIAL -> "#9e9e9e";
            case TANDEM -> "#3b7dd8";
            case JDK -> "#43a047";
            case PYTHON -> "#f0a030";
        };
    }
}
