package io.tandem.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/*
 * Alternation, not blocks of runs: on a shared machine the load changes over seconds, and a block of
 * Python runs followed by a block of Tandem runs would hand one side a quiet minute and the other a busy
 * one. Interleaving puts both sides under the same weather, so their ratio is what counts.
 */

/**
 * Races a {@link ProgramScenario}'s two programs as whole processes: the Python original and the Tandem
 * port run alternately (Python, Tandem, Python, Tandem ...), so load on a shared machine falls on both
 * alike, each timed by {@link ProgramRun} from process start to exit. Every run's answer (the last stdout
 * line, or an earlier line that equals the expected answer when only noise followed it) must equal the
 * scenario's expected one: a different answer makes that side WRONG, a non-zero exit
 * or a timeout makes it FAILED with the tail of its stderr, and either stops that side while the other
 * goes on. Anything else the program printed (a JDK warning on stderr, a Python {@code ResourceWarning})
 * is kept as the result's note, "noise: ...": a bug to show, never hidden and never a failure.
 *
 * <p>How many runs ({@link Plan}): exactly {@code --runs} when given; otherwise quick mode does one pair and
 * up to three while the program's pairs took under {@value #QUICK_BUDGET_SECONDS} s, full mode at least
 * three pairs and up to the scenario's {@link Scenario#maxRuns()} while they took under
 * {@value #FULL_BUDGET_SECONDS} s. No warm-up runs: the first run of a program is the one a user sees.
 *
 * <p>Stateless; runs on the caller's thread, one process at a time.
 */
final class ProgramRace {
    static final double QUICK_BUDGET_SECONDS = 2;
    static final double FULL_BUDGET_SECONDS = 12;
    /** A program still running after this long is killed (with its worker processes) and FAILED. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int NOISE_LINES_SHOWN = 3;
    private static final int NOISE_LINE_CHARS = 200;
    private static final int TAIL_CHARS = 600;

    private ProgramRace() {
    }

    /**
     * Runs until at least {@code minRuns} pairs, then more (up to {@code maxRuns}) while the pairs so far
     * took less than {@code budgetSeconds}.
     */
    record Plan(int minRuns, int maxRuns, double budgetSeconds) {
        Plan {
            if (minRuns < 1 || maxRuns < minRuns) {
                throw new IllegalArgumentException("runs: need 1 <= minRuns <= maxRuns, got " + minRuns + ", " + maxRuns);
            }
        }

        static Plan of(BenchOptions options, Scenario s) {
            if (options.runs() > 0) {
                return new Plan(options.runs(), options.runs(), 0);
            }
            return options.mode() == Mode.QUICK
                    ? new Plan(1, Math.min(3, s.maxRuns()), QUICK_BUDGET_SECONDS)
                    : new Plan(Math.min(3, s.maxRuns()), s.maxRuns(), FULL_BUDGET_SECONDS);
        }
    }

    /** The results of the selected {@code models} (Python and/or Tandem program), in that order. */
    static List<ModelResult> run(ProgramScenario s, List<Model> models, int size, Object expected, Plan plan,
                                 ProgramCommands commands) {
        List<String> args;
        try {
            args = s.arguments(size);
        } catch (RuntimeException e) {
            return models.stream().map(m -> ModelResult.notTimed(m, ModelResult.Status.FAILED, null,
                    "could not start the local server: " + Measure.describe(e))).toList();
        }
        List<Side> sides = new ArrayList<>();
        for (Model m : models) {
            sides.add(new Side(m, m.isPython() ? commands.python() : commands.tandem(), s, args, expected,
                    m.isPython() ? commands.pythonUnavailable() : null));
        }
        long start = System.nanoTime();
        for (int run = 0; ; run++) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            boolean more = run < plan.minRuns() || run < plan.maxRuns() && elapsed < plan.budgetSeconds();
            if (!more || sides.stream().noneMatch(Side::active)) {
                break;
            }
            for (Side side : sides) {
                if (side.active()) {
                    side.runOnce();
                }
            }
        }
        return sides.stream().map(Side::result).toList();
    }

    /** One program's runs so far. Confined to the racing thread. */
    private static final class Side {
        private final Model model;
        private final ProgramScenario scenario;
        private final Object expected;
        private final List<String> command = new ArrayList<>();
        private final List<Double> seconds = new ArrayList<>();
        private final Set<String> noise = new LinkedHashSet<>();
        private int noisyRuns;
        private String answer;
        private ModelResult done;

        Side(Model model, java.util.function.Function<ProgramScenario, List<String>> base, ProgramScenario scenario,
             List<String> args, Object expected, String unavailable) {
            this.model = model;
            this.scenario = scenario;
            this.expected = expected;
            if (unavailable != null) {
                done = ModelResult.notTimed(model, ModelResult.Status.SKIPPED, null, unavailable);
                return;
            }
            try {
                command.addAll(base.apply(scenario));
                command.addAll(args);
            } catch (RuntimeException e) {
                done = ModelResult.notTimed(model, ModelResult.Status.FAILED, null, Measure.describe(e));
            }
        }

        boolean active() {
            return done == null;
        }

        void runOnce() {
            ProgramRun r;
            try {
                r = ProgramRun.run(command, TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = ModelResult.notTimed(model, ModelResult.Status.FAILED, null, "interrupted");
                return;
            } catch (IOException e) {
                done = ModelResult.notTimed(model, ModelResult.Status.FAILED, null,
                        "could not start " + String.join(" ", command) + ": " + e.getMessage());
                return;
            }
            if (r.timedOut()) {
                done = ModelResult.notTimed(model, ModelResult.Status.FAILED, null, String.format(Locale.ROOT,
                        "killed after %d s (run %d): %s", TIMEOUT.toSeconds(), seconds.size() + 1, r.tail(TAIL_CHARS)));
                return;
            }
            if (r.exitCode() != 0) {
                done = ModelResult.notTimed(model, ModelResult.Status.FAILED, r.answer(), String.format(Locale.ROOT,
                        "exit status %d (run %d): %s", r.exitCode(), seconds.size() + 1, r.tail(TAIL_CHARS)));
                return;
            }
            String printed = r.answer(String.valueOf(expected));
            if (!Measure.sameAnswer(expected, printed)) {
                done = Measure.wrong(model, expected, printed.isEmpty() ? "(nothing on stdout)" : printed);
                return;
            }
            answer = printed;
            seconds.add(r.seconds());
            List<String> lines = r.noise(printed);
            if (!lines.isEmpty()) {
                noisyRuns++;
                noise.addAll(lines);
            }
        }

        ModelResult result() {
            if (done != null) {
                return done;
            }
            return ModelResult.ok(model, seconds, answer, Double.NaN, Double.NaN, noiseNote());
        }

        /** "noise (2 of 3 runs, 4 lines): first | second | third | ..." or "" for a quiet program. */
        private String noiseNote() {
            if (noise.isEmpty()) {
                return "";
            }
            List<String> shown = noise.stream().limit(NOISE_LINES_SHOWN)
                    .map(l -> l.length() > NOISE_LINE_CHARS ? l.substring(0, NOISE_LINE_CHARS) + "..." : l).toList();
            return String.format(Locale.ROOT, "%s (%d of %d runs, %d distinct lines): %s%s", NOISE_PREFIX,
                    noisyRuns, seconds.size(), noise.size(), String.join(" | ", shown),
                    noise.size() > shown.size() ? " | ..." : "");
        }

        @Override
        public String toString() {
            return scenario.name() + "/" + model.id();
        }
    }

    /** How a result's note starts when the program printed more than its answer. */
    static final String NOISE_PREFIX = "noise";

    /** The noise note of a program result, or "" if it printed only its answer. */
    static String noise(ModelResult r) {
        return r.ok() && r.message().startsWith(NOISE_PREFIX) ? r.message() : "";
    }
}
