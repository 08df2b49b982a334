package io.tandem.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The winner of a scenario and one line of advice, derived from its measurements alone: which model to
 * use, how it scaled against the sequential model and the core count, how the runners-up and the other
 * execution models (platform threads, virtual threads, worker processes) compared, and the ratio to the
 * best Python approach. No scenario has a canned text: the same rules read every table, including a
 * user's own workload ({@code --workload}), so the advice changes when the numbers do.
 *
 * <p>Rules, in order: only models that finished with the right answer compete (a model wrong by design,
 * such as the unlocked counter, is reported, never recommended; raw transports and raw JVMs are floors,
 * stated as ratios); the recommendation is a Java model (a faster Python approach is reported with its
 * margin); when a Tandem model is within {@value #SAME_PERCENT}% of the fastest Java model, it is
 * recommended (that is what a Tandem user writes) and the gap is stated; when the sequential model is within
 * {@value #NO_GAIN_PERCENT}% of the winner, the advice is to stay sequential. Stateless.
 */
final class Advice {
    /** Models within this many percent of each other are "as fast" (below the noise of a shared machine). */
    static final int SAME_PERCENT = 10;
    /** A parallel model must beat sequential by more than this to be worth its complexity. */
    static final int NO_GAIN_PERCENT = 15;

    private Advice() {
    }

    /** The fastest model with a right answer (a deviating model such as {@code unsafe} never wins). */
    static Optional<ModelResult> winner(ScenarioResult s) {
        if (s.scenario() instanceof ProgramScenario) {
            // a noisy program still finished with the right answer: it races (its note is its noise)
            return s.results().stream().filter(ModelResult::ok).min(Comparator.comparingDouble(ModelResult::median));
        }
        return contenders(s).stream().min(Comparator.comparingDouble(ModelResult::median));
    }

    private static List<ModelResult> contenders(ScenarioResult s) {
        return s.results().stream()
                .filter(r -> r.ok() && r.message().isEmpty() && !s.scenario().wrongByDesign(r.model()) && !isRawBaseline(r.model()))
                .toList();
    }

    /** A raw transport or raw JVM: the floor Tandem's process machinery is measured against, not a way to run work. */
    static boolean isRawBaseline(Model m) {
        return m.id().startsWith("raw-");
    }

    /** One line of advice for {@code s}. */
    static String line(ScenarioResult s) {
        Optional<ProgramVerdict> program = ProgramVerdict.of(s);
        if (program.isPresent()) {
            return program.get().advice();
        }
        List<ModelResult> all = contenders(s);
        Optional<ModelResult> fastest = winner(s);
        if (fastest.isEmpty()) {
            return "No model finished with the right answer: see the statuses above.";
        }
        ModelResult best = fastest.get();
        ModelResult recommended = recommended(all, best);
        List<String> parts = new ArrayList<>();
        double seq = s.sequentialMedian();
        int cores = Workloads.cores();

        ModelResult pick = recommended;
        if (recommended.model().kind() == Model.Kind.SEQUENTIAL || !Double.isNaN(seq) && seq <= best.median() * (1 + NO_GAIN_PERCENT / 100.0)) {
            ModelResult direct = all.stream().filter(r -> r.model().kind() == Model.Kind.SEQUENTIAL).findFirst().orElse(recommended);
            pick = direct;
            parts.add(String.format(Locale.ROOT, "Stay sequential (%s): no model beat it by more than %d%% at this size%s",
                    direct.model().id(), NO_GAIN_PERCENT, best == direct ? ""
                            : String.format(Locale.ROOT, " (best: %s, %s)", best.model().id(), ratio(s.speedup(best)))));
        } else {
            StringBuilder first = new StringBuilder("Use ").append(pick.model().id()).append(" (")
                    .append(shortDescription(pick.model())).append(')');
            if (pick != best) {
                double gap = percentSlower(pick, best);
                first.append(gap < 1 ? ", tied with the fastest, " + best.model().id()
                        : String.format(Locale.ROOT, gap <= SAME_PERCENT ? ", within %.0f%% of the fastest, %s"
                                : ", %.0f%% slower than the fastest, %s", gap, best.model().id()));
            }
            double speedup = s.speedup(pick);
            if (!Double.isNaN(speedup)) {
                first.append(String.format(Locale.ROOT, ": %s sequential on %d cores", ratio(speedup), cores));
                first.append(nature(all, speedup, cores));
            } else {
                first.append(": ").append(BenchReport.seconds(pick.median()));
            }
            parts.add(first.toString());
        }
        for (ModelResult raw : s.results()) {
            if (raw.ok() && isRawBaseline(raw.model())) {
                parts.add(String.format(Locale.ROOT, "%s takes %s the time of the raw baseline %s (%s)", pick.model().id(),
                        ratio(pick.median() / raw.median()), raw.model().id(), BenchReport.seconds(raw.median())));
                break;
            }
        }
        String models = modelComparison(all, pick);
        if (!models.isEmpty()) {
            parts.add(models);
        }
        double py = s.bestPythonMedian();
        if (!Double.isNaN(py) && !pick.model().isPython()) {
            ModelResult bestPy = all.stream().filter(r -> r.model().isPython())
                    .min(Comparator.comparingDouble(ModelResult::median)).orElseThrow();
            double x = py / pick.median();
            parts.add(x >= 1 ? String.format(Locale.ROOT, "%s faster than the best Python (%s)", ratio(x), bestPy.model().id())
                    : String.format(Locale.ROOT, "the best Python (%s) was %s faster", bestPy.model().id(), ratio(1 / x)));
        }
        for (ModelResult r : s.results()) {
            if (r.ok() && !r.message().isEmpty()) {
                parts.add(r.model().id() + " " + r.message() + ": it is fast because it is wrong");
            } else if (r.ok() && s.scenario().wrongByDesign(r.model())) {
                parts.add(r.model().id() + " lost no updates in these runs, but nothing stops it from losing them: never use it");
            }
        }
        return String.join("; ", parts) + ".";
    }

    /**
     * What kind of work it is, from the sequential model's CPU (how much of one core it kept busy) when
     * measured, else from the speedup against the core count.
     */
    private static String nature(List<ModelResult> all, double speedup, int cores) {
        double seqCores = all.stream().filter(r -> r.model().kind() == Model.Kind.SEQUENTIAL)
                .mapToDouble(r -> r.cpu() * cores).filter(c -> !Double.isNaN(c)).findFirst().orElse(Double.NaN);
        // beating sequential by more than the core count is only possible by overlapping waits, whatever the CPU says
        boolean waits = speedup > cores * 1.5 || !Double.isNaN(seqCores) && seqCores < 0.3;
        if (waits) {
            return !Double.isNaN(seqCores)
                    ? String.format(Locale.ROOT, " — the work waits (sequential used %.0f%% of a core), so concurrency beyond the core count pays", 100 * seqCores)
                    : " — the work waits more than it computes, so concurrency beyond the core count pays";
        }
        if (speedup < 1 + NO_GAIN_PERCENT / 100.0) {
            return "";
        }
        String ideal = String.format(Locale.ROOT, ", %.0f%% of the ideal %dx", 100 * speedup / cores, cores);
        return !Double.isNaN(seqCores) && seqCores >= 0.5
                ? String.format(Locale.ROOT, " — CPU-bound (sequential kept %.0f%% of a core busy)%s", 100 * Math.min(1, seqCores), ideal)
                : " — mixed CPU and waiting" + ideal;
    }

    /**
     * What to recommend to a Java developer: the fastest Java model (a Python winner is reported, not
     * recommended), or the fastest Tandem model when it is within SAME_PERCENT of that.
     */
    private static ModelResult recommended(List<ModelResult> all, ModelResult best) {
        ModelResult java = all.stream().filter(r -> !r.model().isPython())
                .min(Comparator.comparingDouble(ModelResult::median)).orElse(best);
        if (java.model().kind() == Model.Kind.TANDEM || java.model().kind() == Model.Kind.SEQUENTIAL) {
            return java;
        }
        return all.stream().filter(r -> r.model().kind() == Model.Kind.TANDEM)
                .min(Comparator.comparingDouble(ModelResult::median))
                .filter(t -> percentSlower(t, java) <= SAME_PERCENT)
                .orElse(java);
    }

    /** Platform threads vs virtual threads vs worker processes, when the scenario measured them. */
    private static String modelComparison(List<ModelResult> all, ModelResult pick) {
        Optional<ModelResult> threads = byId(all, "threads");
        Optional<ModelResult> virtual = byId(all, "virtual");
        Optional<ModelResult> process = all.stream().filter(r -> r.model().id().startsWith("process"))
                .min(Comparator.comparingDouble(ModelResult::median));
        List<String> out = new ArrayList<>();
        if (threads.isPresent() && virtual.isPresent()) {
            double x = threads.get().median() / virtual.get().median();
            if (x > 1 + SAME_PERCENT / 100.0) {
                out.add("virtual threads " + ratio(x) + " faster than platform threads");
            } else if (1 / x > 1 + SAME_PERCENT / 100.0) {
                out.add("platform threads " + ratio(1 / x) + " faster than virtual threads");
            } else {
                out.add("platform and virtual threads within " + SAME_PERCENT + "%");
            }
        }
        Optional<ModelResult> inJvm = all.stream()
                .filter(r -> r.model().kind() == Model.Kind.TANDEM && !r.model().id().startsWith("process")
                        && !r.model().id().startsWith("shared"))
                .min(Comparator.comparingDouble(ModelResult::median));
        if (process.isPresent() && inJvm.isPresent() && process.get() != pick) {
            double x = process.get().median() / inJvm.get().median();
            out.add(x > 1 ? String.format(Locale.ROOT, "worker processes (%s) %s slower than %s in one JVM",
                    process.get().model().id(), ratio(x), inJvm.get().model().id())
                    : String.format(Locale.ROOT, "worker processes (%s) %s faster than %s", process.get().model().id(),
                    ratio(1 / x), inJvm.get().model().id()));
        }
        List<String> close = all.stream().filter(r -> r != pick && r.model().kind() != Model.Kind.PYTHON
                        && percentSlower(r, pick) <= SAME_PERCENT && percentSlower(pick, r) <= SAME_PERCENT)
                .map(r -> r.model().id()).toList();
        if (!close.isEmpty()) {
            out.add("as fast (within " + SAME_PERCENT + "%): " + String.join(", ", close));
        }
        return String.join("; ", out);
    }

    private static Optional<ModelResult> byId(List<ModelResult> all, String id) {
        return all.stream().filter(r -> r.model().id().equals(id)).findFirst();
    }

    /** How much slower {@code a} is than {@code b}, in percent (negative when faster). */
    private static double percentSlower(ModelResult a, ModelResult b) {
        return 100 * (a.median() / b.median() - 1);
    }

    /** The model's description up to its first colon or comma: "Pools.virtual()", "ProcessPool of worker JVMs". */
    static String shortDescription(Model m) {
        String d = m.description();
        int cut = d.length();
        for (char c : new char[] {':', ','}) {
            int i = d.indexOf(c);
            if (i > 0 && i < cut) {
                cut = i;
            }
        }
        String head = d.substring(0, cut);
        int open = head.lastIndexOf('(');
        if (open > 0 && head.indexOf(')', open) < 0) {
            head = head.substring(0, open); // never leave a parenthesis open: "raw child JVMs (the workers' ..." -> "raw child JVMs"
        }
        return head.strip();
    }

    private static String ratio(double x) {
        return BenchReport.ratio(x);
    }
}
