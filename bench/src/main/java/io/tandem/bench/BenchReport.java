package io.tandem.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@code tandem bench} run, as text tables ({@link #toTable()}) or JSON
 * ({@link #toJson()}). JSON field names are stable (schema 1):
 * <pre>
 * {"schema":1, "mode", "java", "cores", "python" (version or null),
 *  "scenarios":[{"name", "description", "unit", "size",
 *    "results":[{"model", "kind", "description", "status", "message", "runs", "times_s",
 *                "median_s", "min_s", "max_s", "rate_per_s", "speedup_vs_sequential",
 *                "vs_best_python", "peak_rss_mb", "answer"}]}]}
 * </pre>
 * Numbers that were not measured (no sequential model, no Python, RSS of an in-harness run) are null.
 */
public record BenchReport(Mode mode, String pythonVersion, List<ScenarioResult> scenarios) {

    public BenchReport {
        scenarios = List.copyOf(scenarios);
    }

    /** Whether every model that ran gave the right answer without failing (SKIPPED is fine). */
    public boolean allCorrect() {
        return scenarios.stream().flatMap(s -> s.results().stream())
                .noneMatch(r -> r.status() == ModelResult.Status.WRONG || r.status() == ModelResult.Status.FAILED);
    }

    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "tandem bench (%s): Java %s, %d cores, %s%n", mode.name().toLowerCase(Locale.ROOT),
                Runtime.version(), Workloads.cores(), pythonVersion == null ? "python3 not found" : "Python " + pythonVersion));
        sb.append("median of the timed runs; x seq = direct median / median; x py = best Python median / median\n");
        for (ScenarioResult s : scenarios) {
            sb.append('\n').append(String.format(Locale.ROOT, "== %s: %s (N = %,d)%n", s.scenario().name(),
                    s.scenario().description(), s.size()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"model", "median", "min-max", s.scenario().unit() + "/s", "x seq", "x py", "peak RSS", "runs", "status"});
            for (ModelResult r : s.results()) {
                rows.add(new String[] {
                        r.model().id(),
                        r.ok() ? seconds(r.median()) : "-",
                        r.ok() ? seconds(r.min()) + "-" + seconds(r.max()) : "-",
                        r.ok() ? rate(s.rate(r)) : "-",
                        ratio(s.speedup(r)),
                        ratio(s.vsBestPython(r)),
                        Double.isNaN(r.peakRssMb()) ? "-" : String.format(Locale.ROOT, "%.0f MB", r.peakRssMb()),
                        Integer.toString(r.seconds().size()),
                        r.message().isEmpty() ? r.status().name() : r.status() + ": " + r.message()});
            }
            appendTable(sb, rows);
        }
        return sb.toString();
    }

    private static void appendTable(StringBuilder sb, List<String[]> rows) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int c = 0; c < cols - 1; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                String cell = row[c];
                if (c == cols - 1) {
                    line.append(cell);
                } else if (c == 0) {
                    line.append(String.format("%-" + width[c] + "s  ", cell));
                } else {
                    line.append(String.format("%" + width[c] + "s  ", cell));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "-";
        }
        if (s < 1e-3) {
            return String.format(Locale.ROOT, "%.1f us", s * 1e6);
        }
        if (s < 1) {
            return String.format(Locale.ROOT, s < 0.01 ? "%.2f ms" : "%.1f ms", s * 1e3);
        }
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    static String rate(double r) {
        if (Double.isNaN(r)) {
            return "-";
        }
        if (r >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", r / 1e6);
        }
        if (r >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", r / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f", r);
    }

    static String ratio(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "-";
        }
        return String.format(Locale.ROOT, x >= 10 ? "%.0fx" : "%.2fx", x);
    }

    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", 1);
        root.put("mode", mode.name().toLowerCase(Locale.ROOT));
        root.put("java", Runtime.version().toString());
        root.put("cores", Workloads.cores());
        root.put("python", pythonVersion);
        List<Object> list = new ArrayList<>();
        for (ScenarioResult s : scenarios) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.scenario().name());
            sm.put("description", s.scenario().description());
            sm.put("unit", s.scenario().unit());
            sm.put("size", s.size());
            List<Object> results = new ArrayList<>();
            for (ModelResult r : s.results()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("model", r.model().id());
                rm.put("kind", r.model().kind().name().toLowerCase(Locale.ROOT));
                rm.put("description", r.model().description());
                rm.put("status", r.status().name());
                rm.put("message", r.message());
                rm.put("runs", r.seconds().size());
                rm.put("times_s", r.seconds());
                rm.put("median_s", r.median());
                rm.put("min_s", r.min());
                rm.put("max_s", r.max());
                rm.put("rate_per_s", s.rate(r));
                rm.put("speedup_vs_sequential", s.speedup(r));
                rm.put("vs_best_python", s.vsBestPython(r));
                rm.put("peak_rss_mb", r.peakRssMb());
                rm.put("answer", r.answer() == null ? null : String.valueOf(r.answer()));
                results.add(rm);
            }
            sm.put("results", results);
            list.add(sm);
        }
        root.put("scenarios", list);
        return Json.write(root);
    }
}
