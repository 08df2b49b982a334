package io.tandem.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A program race's outcome against its goal: Python/Tandem &gt;= {@value #GOAL} for every program, and
 * &gt;= {@value #GOAL_SLOW_PYTHON} where Python takes more than {@value #SLOW_PYTHON_SECONDS} s (the
 * architecture's cold-start goal: a user's program beats its Python original end to end, from the first
 * call). Both medians are whole-process wall times from the same alternating run. Immutable.
 *
 * @param name   the program's scenario name
 * @param size   the size both programs ran
 * @param python the Python original's result, or null when it was not selected
 * @param tandem the Tandem port's result, or null when it was not selected
 */
record ProgramVerdict(String name, int size, ModelResult python, ModelResult tandem) {
    static final double GOAL = 1.0;
    static final double GOAL_SLOW_PYTHON = 3.0;
    static final double SLOW_PYTHON_SECONDS = 1.0;

    /** The verdict of a program scenario's result; empty for any other scenario. */
    static Optional<ProgramVerdict> of(ScenarioResult s) {
        if (!(s.scenario() instanceof ProgramScenario)) {
            return Optional.empty();
        }
        ModelResult py = find(s.results(), Model.PYTHON_PROGRAM);
        ModelResult java = find(s.results(), Model.TANDEM_PROGRAM);
        return Optional.of(new ProgramVerdict(s.scenario().name(), s.size(), py, java));
    }

    /** The verdicts of every program scenario in {@code scenarios}, in order. */
    static List<ProgramVerdict> of(List<ScenarioResult> scenarios) {
        return scenarios.stream().map(ProgramVerdict::of).flatMap(Optional::stream).toList();
    }

    private static ModelResult find(List<ModelResult> results, Model m) {
        return results.stream().filter(r -> r.model().equals(m)).findFirst().orElse(null);
    }

    double pythonMedian() {
        return python != null && python.ok() ? python.median() : Double.NaN;
    }

    double tandemMedian() {
        return tandem != null && tandem.ok() ? tandem.median() : Double.NaN;
    }

    /** Python median / Tandem median: above 1 means Tandem's program finished first. */
    double ratio() {
        return pythonMedian() / tandemMedian();
    }

    /** The ratio this program must reach: 3 when Python needs more than a second, else 1. */
    double goal() {
        return pythonMedian() > SLOW_PYTHON_SECONDS ? GOAL_SLOW_PYTHON : GOAL;
    }

    /** Whether the goal is met; empty when either side has no time (failed, wrong, skipped, not selected). */
    Optional<Boolean> met() {
        double r = ratio();
        return Double.isNaN(r) ? Optional.empty() : Optional.of(r >= goal());
    }

    /** "yes", "NO", or why it cannot be said ("Tandem FAILED", "Python SKIPPED"). */
    String metText() {
        if (met().isPresent()) {
            return met().get() ? "yes" : "NO";
        }
        if (tandem != null && !tandem.ok()) {
            return "Tandem " + tandem.status();
        }
        if (python != null && !python.ok()) {
            return "Python " + python.status();
        }
        return "-";
    }

    /** The noise notes of both sides ("" when both printed only their answers). */
    String noise() {
        String t = tandem == null ? "" : ProgramRace.noise(tandem);
        String p = python == null ? "" : ProgramRace.noise(python);
        return (t.isEmpty() ? "" : "Tandem " + t) + (!t.isEmpty() && !p.isEmpty() ? "; " : "")
                + (p.isEmpty() ? "" : "Python " + p);
    }

    /** ">= 1.0x" or ">= 3.0x". */
    String goalText() {
        return String.format(Locale.ROOT, ">= %.1fx", goal());
    }

    /** The advice line of a program scenario: the ratio, the goal and whether it is met, the noise. */
    String advice() {
        StringBuilder sb = new StringBuilder();
        if (met().isEmpty()) {
            sb.append("No ratio: ").append(metText()).append(" (see the statuses above)");
        } else {
            sb.append(String.format(Locale.ROOT, "Tandem's program %s Python's (%s vs %s, whole processes): goal %s %s",
                    BenchReport.ratio(ratio()), BenchReport.seconds(tandemMedian()), BenchReport.seconds(pythonMedian()),
                    goalText(), met().get() ? "met" : "NOT met"));
        }
        if (!noise().isEmpty()) {
            sb.append("; ").append(noise());
        }
        return sb.append('.').toString();
    }

    /** The JSON object of this verdict (see {@link ProgramsTable#json}). */
    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("size", size);
        m.put("python_median_s", pythonMedian());
        m.put("tandem_median_s", tandemMedian());
        m.put("python_over_tandem", ratio());
        m.put("goal", goal());
        m.put("met", met().orElse(null));
        m.put("python_status", python == null ? null : python.status().name());
        m.put("tandem_status", tandem == null ? null : tandem.status().name());
        m.put("noise", noise());
        return m;
    }
}
