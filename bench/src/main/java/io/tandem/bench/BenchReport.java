package io.tandem.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@code tandem bench} run, as text tables ({@link #toTable()}), JSON ({@link #toJson()}),
 * a Markdown summary ({@link #toMarkdown()}) or a self-contained HTML page ({@link HtmlReport}). JSON field
 * names are stable (schema 2 = schema 1 plus {@code machine}, {@code winner}, {@code advice} and
 * {@code cpu_utilisation}; no schema-1 field changed):
 * <pre>
 * {"schema":2, "mode", "java", "cores", "python" (version or null),
 *  "machine":{"cpu_model", "cores", "memory_mb", "os", "java", "python", "load_average"},
 *  "scenarios":[{"name", "description", "unit", "size", "winner" (model id or null), "advice",
 *    "results":[{"model", "kind", "description", "status", "message", "runs", "times_s",
 *                "median_s", "min_s", "max_s", "rate_per_s", "speedup_vs_sequential",
 *                "vs_best_python", "peak_rss_mb", "cpu_utilisation", "answer"}]}],
 *  "programs":[{"name", "size", "python_median_s", "tandem_median_s", "python_over_tandem", "goal",
 *               "met" (true, false or null), "python_status", "tandem_status", "noise"}]}
 * </pre>
 * {@code programs} (added within schema 2; empty when no program ran) has one entry per program of the
 * programs group ({@link ProgramVerdict}): whole-process medians, their ratio and the goal it must reach.
 * Numbers that were not measured (no sequential model, no Python, RSS of an in-harness run) are null.
 * {@code status} is OK, WRONG, FAILED, SKIPPED or NOT_APPLICABLE (a common model that is not a way to run
 * the scenario; {@code message} says why).
 * {@code cpu_utilisation} is the share of all cores busy during the timed runs (1.0 = every core).
 * Immutable.
 */
public record BenchReport(Mode mode, Machine machine, List<ScenarioResult> scenarios) {
    /** The version of the JSON document; bumped only when a field changes meaning or disappears. */
    public static final int SCHEMA = 2;

    public BenchReport {
        scenarios = List.copyOf(scenarios);
    }

    /** The Python version the baselines ran with, or {@code null}. */
    public String pythonVersion() {
        return machine.python();
    }

    /** Whether every model that ran gave the right answer without failing (SKIPPED is fine). */
    public boolean allCorrect() {
        return scenarios.stream().flatMap(s -> s.results().stream())
                .noneMatch(r -> r.status() == ModelResult.Status.WRONG || r.status() == ModelResult.Status.FAILED);
    }

    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "tandem bench (%s) on %s%n", mode.name().toLowerCase(Locale.ROOT), machine.describe()));
        sb.append("median of the timed runs; x seq = direct median / median; x py = best Python median / median;\n"
                + "CPU = share of all cores busy during the runs (100% = every core)\n");
        for (ScenarioResult s : scenarios) {
            sb.append('\n').append(String.format(Locale.ROOT, "== %s: %s (N = %,d)%n", s.scenario().name(),
                    s.scenario().description(), s.size()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"model", "median", "min-max", s.scenario().unit() + "/s", "x seq", "x py", "CPU", "peak RSS", "runs", "status"});
            for (ModelResult r : s.results()) {
                rows.add(new String[] {
                        r.model().id(),
                        r.ok() ? seconds(r.median()) : "-",
                        r.ok() ? seconds(r.min()) + "-" + seconds(r.max()) : "-",
                        r.ok() ? rate(s.rate(r)) : "-",
                        ratio(s.speedup(r)),
                        ratio(s.vsBestPython(r)),
                        percent(r.cpu()),
                        Double.isNaN(r.peakRssMb()) ? "-" : String.format(Locale.ROOT, "%.0f MB", r.peakRssMb()),
                        Integer.toString(r.seconds().size()),
                        r.message().isEmpty() ? r.status().name() : r.status() + ": " + r.message()});
            }
            appendTable(sb, rows);
            sb.append("winner: ").append(s.winner().map(r -> r.model().id()).orElse("none")).append('\n');
            sb.append("advice: ").append(s.advice()).append('\n');
        }
        sb.append(ProgramsTable.text(scenarios));
        return sb.toString();
    }

    /**
     * The summary table the README shows: one row per scenario with its winner, the winner's speedup over
     * sequential and ratio to the best Python, the best Tandem and JDK models, and the advice.
     */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "`tandem bench%s` on %s.%n%n", mode == Mode.QUICK ? " --quick" : "", machine.describe()));
        sb.append("| scenario | N | winner | median | x seq | x best Python | best Tandem | best JDK | best Python | advice |\n");
        sb.append("|---|---:|---|---:|---:|---:|---|---|---|---|\n");
        for (ScenarioResult s : scenarios) {
            java.util.Optional<ModelResult> w = s.winner();
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    s.scenario().name(), s.size(),
                    w.map(r -> "`" + r.model().id() + "`").orElse("-"),
                    w.map(r -> seconds(r.median())).orElse("-"),
                    w.map(r -> ratio(s.speedup(r))).orElse("-"),
                    w.map(r -> ratio(s.vsBestPython(r))).orElse("-"),
                    best(s, Model.Kind.TANDEM), best(s, Model.Kind.JDK), best(s, Model.Kind.PYTHON),
                    s.advice().replace("|", "\\|")));
        }
        sb.append(ProgramsTable.markdown(scenarios));
        return sb.toString();
    }

    /** "`virtual` 118 ms" for the fastest right model of {@code kind}, or "-". */
    private static String best(ScenarioResult s, Model.Kind kind) {
        return s.results().stream().filter(r -> r.ok() && r.message().isEmpty() && r.model().kind() == kind)
                .min(java.util.Comparator.comparingDouble(ModelResult::median))
                .map(r -> "`" + r.model().id() + "` " + seconds(r.median())).orElse("-");
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
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
        root.put("schema", SCHEMA);
        root.put("mode", mode.name().toLowerCase(Locale.ROOT));
        root.put("java", Runtime.version().toString());
        root.put("cores", Workloads.cores());
        root.put("python", pythonVersion());
        root.put("machine", machine.toJsonMap());
        List<Object> list = new ArrayList<>();
        for (ScenarioResult s : scenarios) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.scenario().name());
            sm.put("description", s.scenario().description());
            sm.put("unit", s.scenario().unit());
            sm.put("size", s.size());
            sm.put("winner", s.winner().map(r -> r.model().id()).orElse(null));
            sm.put("advice", s.advice());
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
                rm.put("cpu_utilisation", r.cpu());
                rm.put("answer", r.answer() == null ? null : String.valueOf(r.answer()));
                results.add(rm);
            }
            sm.put("results", results);
            list.add(sm);
        }
        root.put("scenarios", list);
        root.put("programs", ProgramsTable.json(scenarios));
        return Json.write(root);
    }
}
