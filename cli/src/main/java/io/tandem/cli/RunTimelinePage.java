package io.tandem.cli;

import io.tandem.graph.RunResult;
import io.tandem.graph.TaskResult;
import io.tandem.graph.TaskStatus;
import io.tandem.report.Cell;
import io.tandem.report.Html;
import io.tandem.report.HtmlPage;
import io.tandem.report.Table;
import io.tandem.report.Timeline;

import java.util.Locale;
import java.util.Map;

/**
 * {@code tandem run --report run.html}: a self-contained page (inline SVG and CSS, no script or network)
 * showing a run as a Gantt chart, one lane per worker and one bar per task coloured by its status with its
 * name, attempts and times on hover, then a table of every task. Stateless; call from any thread.
 */
final class RunTimelinePage {
    private static final String STATUS_STYLE = ".succeeded{fill:#2e8b57}.failed{fill:#c0392b}.cancelled{fill:#7f8c8d}.skipped{fill:#bbb}"
            + ".s-succeeded{color:#2e8b57}.s-failed{color:#c0392b}.s-skipped,.s-cancelled{color:#7f8c8d}";

    private RunTimelinePage() {
    }

    /** The page for {@code result}, titled {@code title}. */
    static String html(RunResult result, String title) {
        double totalMs = Math.max(1e-3, result.elapsed().toNanos() / 1e6);
        Timeline timeline = Timeline.over(totalMs, RunTimelinePage::ms);
        for (String w : result.workers()) {
            timeline.lane(w);
        }
        for (TaskResult t : result.tasks()) {
            if (t.worker() != null) {
                double start = t.start().toNanos() / 1e6;
                double took = Math.max(t.end().toNanos() / 1e6 - start, 0);
                timeline.bar(t.worker(), start, start + took, status(t), t.name() + "\n" + t.status() + ", " + t.attempts()
                        + " attempt(s)\nstart " + ms(start) + ", took " + ms(took)
                        + (t.error() != null ? "\n" + t.error().getMessage() : ""), t.name());
            }
        }
        Table table = Table.withHeader("task", "outcome", "attempts", "start", "time", "worker", "detail");
        for (TaskResult t : result.tasks()) {
            String detail = t.error() != null ? t.error().getClass().getSimpleName() + ": " + t.error().getMessage()
                    : t.skipReason() != null ? t.skipReason() : "";
            table.row(t.name(), Cell.of(t.status().name()).withClass("l s-" + status(t)), t.attempts(),
                    t.start() == null ? "" : ms(t.start().toNanos() / 1e6),
                    t.start() == null ? "" : ms(t.elapsed().toNanos() / 1e6),
                    t.worker() == null ? "" : t.worker(),
                    Cell.of(Html.abbreviate(detail, 300)).withClass("l"));
        }
        Map<TaskStatus, Integer> c = result.counts();
        return HtmlPage.titled(title).style(STATUS_STYLE).h1(title)
                .paragraph(result.tasks().size() + " tasks in " + ms(totalMs) + " on " + timeline.laneCount() + " worker(s): "
                        + c.get(TaskStatus.SUCCEEDED) + " succeeded, " + c.get(TaskStatus.FAILED) + " failed, "
                        + c.get(TaskStatus.SKIPPED) + " skipped, " + c.get(TaskStatus.CANCELLED) + " cancelled. Started "
                        + result.startedAt() + ".")
                .append(timeline)
                .append(table)
                .html();
    }

    private static String status(TaskResult t) {
        return t.status().name().toLowerCase(Locale.ROOT);
    }

    private static String ms(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
