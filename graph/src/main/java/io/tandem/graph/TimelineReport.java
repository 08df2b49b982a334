package io.tandem.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline SVG and CSS, no scripts or network) showing a run as a Gantt
 * chart: one row per worker, one bar per task coloured by its status, with its name, attempts and
 * times on hover; then a table of every task.
 *
 * <p>Thread safety: stateless; the method may be called from any thread.
 */
public final class TimelineReport {
    private TimelineReport() {
    }

    /** The HTML page for {@code result}, titled {@code title}. */
    public static String html(RunResult result, String title) {
        Map<String, List<TaskResult>> rows = new LinkedHashMap<>();
        for (String w : result.workers()) {
            rows.put(w, new ArrayList<>());
        }
        for (TaskResult t : result.tasks()) {
            if (t.worker() != null) {
                rows.computeIfAbsent(t.worker(), k -> new ArrayList<>()).add(t);
            }
        }
        rows.values().removeIf(List::isEmpty);
        double totalMs = Math.max(1e-3, result.elapsed().toNanos() / 1e6);
        int labelW = 110;
        int chartW = 900;
        int rowH = 28;
        int height = 40 + rows.size() * rowH;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                labelW + chartW + 20, height));
        for (int i = 0; i <= 10; i++) {
            double x = labelW + chartW * i / 10.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"20\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"14\" text-anchor=\"middle\" fill=\"#666\">%s</text>%n", x, x, height, x, ms(totalMs * i / 10)));
        }
        int r = 0;
        for (Map.Entry<String, List<TaskResult>> e : rows.entrySet()) {
            int y = 24 + r * rowH;
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>%n", y + 17, esc(e.getKey())));
            for (TaskResult t : e.getValue()) {
                double s = t.start().toNanos() / 1e6;
                double d = Math.max(t.end().toNanos() / 1e6 - s, 0);
                double x = labelW + chartW * s / totalMs;
                double w = Math.max(1.0, chartW * d / totalMs);
                svg.append(String.format(Locale.ROOT,
                        "<g><title>%s\n%s, %d attempt(s)\nstart %s, took %s%s</title><rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" rx=\"3\" class=\"%s\"/>",
                        esc(t.name()), t.status(), t.attempts(), ms(s), ms(d),
                        t.error() != null ? "\n" + esc(String.valueOf(t.error().getMessage())) : "",
                        x, y + 2, w, rowH - 6, t.status().name().toLowerCase(Locale.ROOT)));
                if (w > 40) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" fill=\"#fff\" clip-path=\"none\">%s</text>",
                            x + 3, y + 17, esc(shorten(t.name(), (int) (w / 7)))));
                }
                svg.append("</g>\n");
            }
            r++;
        }
        svg.append("</svg>\n");
        StringBuilder table = new StringBuilder("<table><tr><th>task</th><th>outcome</th><th>attempts</th><th>start</th><th>time</th><th>worker</th><th>detail</th></tr>\n");
        for (TaskResult t : result.tasks()) {
            String detail = t.error() != null ? t.error().getClass().getSimpleName() + ": " + t.error().getMessage()
                    : t.skipReason() != null ? t.skipReason() : "";
            table.append("<tr><td>").append(esc(t.name())).append("</td><td class=\"s-").append(t.status().name().toLowerCase(Locale.ROOT))
                    .append("\">").append(t.status()).append("</td><td>").append(t.attempts()).append("</td><td>")
                    .append(t.start() == null ? "" : ms(t.start().toNanos() / 1e6)).append("</td><td>")
                    .append(t.start() == null ? "" : ms(t.elapsed().toNanos() / 1e6)).append("</td><td>")
                    .append(t.worker() == null ? "" : esc(t.worker())).append("</td><td>").append(esc(shorten(detail, 300)))
                    .append("</td></tr>\n");
        }
        table.append("</table>\n");
        Map<TaskStatus, Integer> c = result.counts();
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n<style>\n"
                + "body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin-top:1em}"
                + "td,th{border:1px solid #ccc;padding:2px 8px;font-size:13px;text-align:left}"
                + ".succeeded{fill:#2e8b57}.failed{fill:#c0392b}.cancelled{fill:#7f8c8d}.skipped{fill:#bbb}"
                + ".s-succeeded{color:#2e8b57}.s-failed{color:#c0392b}.s-skipped,.s-cancelled{color:#7f8c8d}\n"
                + "</style></head><body>\n<h1>" + esc(title) + "</h1>\n<p>" + result.tasks().size() + " tasks in "
                + ms(totalMs) + " on " + rows.size() + " worker(s): " + c.get(TaskStatus.SUCCEEDED) + " succeeded, "
                + c.get(TaskStatus.FAILED) + " failed, " + c.get(TaskStatus.SKIPPED) + " skipped, "
                + c.get(TaskStatus.CANCELLED) + " cancelled. Started " + esc(String.valueOf(result.startedAt())) + ".</p>\n"
                + svg + table + "</body></html>\n";
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    private static String ms(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
