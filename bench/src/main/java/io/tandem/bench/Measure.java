package io.tandem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The timing loop for Java models: warm up, then time each run, checking every answer. */
final class Measure {
    /** A run count large enough that a warm-up of a very fast scenario still ends. */
    private static final int MAX_WARMUP_RUNS = 10_000;

    private Measure() {
    }

    /** Whether a model's answer equals the expected one (compared as decimal strings, as Python prints them). */
    static boolean sameAnswer(Object expected, Object actual) {
        return actual != null && Objects.equals(String.valueOf(expected), String.valueOf(actual));
    }

    /**
     * Warm-up runs (at least one, until the plan's warm-up time has passed), then the plan's timed runs.
     * Stops at the first wrong answer (WRONG, not timed) or exception (FAILED).
     */
    static ModelResult inProcess(Scenario scenario, Model model, int size, RunPlan plan, Object expected) {
        Object answer = null;
        List<String> deviations = new ArrayList<>();
        try {
            long warmupEnd = System.nanoTime() + (long) (plan.warmupSeconds() * 1e9);
            int warmups = 0;
            do {
                answer = answerOf(scenario.run(model, size));
                if (!sameAnswer(expected, answer) && scenario.deviation(model, expected, answer) == null) {
                    return wrong(model, expected, answer);
                }
            } while (++warmups < MAX_WARMUP_RUNS && System.nanoTime() < warmupEnd);
            // The timed runs start on an empty young generation whose pages the warm-up already touched: else
            // they allocate into memory the OS maps in page by page (a first-touch fault costs microseconds
            // in a VM), and a model's median could be 30x its steady state depending on where the heap stood.
            System.gc();
            List<Double> seconds = new ArrayList<>();
            double timed = 0;
            double cpu0 = CpuClock.seconds();
            long wall0 = System.nanoTime();
            while (seconds.size() < plan.minRuns()
                    || seconds.size() < plan.maxRuns() && timed < plan.minRunSeconds()) {
                long t0 = System.nanoTime();
                Object result = scenario.run(model, size);
                long t1 = System.nanoTime();
                answer = answerOf(result);
                if (!sameAnswer(expected, answer)) {
                    String deviation = scenario.deviation(model, expected, answer);
                    if (deviation == null) {
                        return wrong(model, expected, answer);
                    }
                    deviations.add(deviation);
                }
                double s = result instanceof Scenario.Timed t ? t.seconds() : (t1 - t0) / 1e9;
                seconds.add(s);
                timed += s;
            }
            double cpu = CpuClock.utilisation(CpuClock.seconds() - cpu0, (System.nanoTime() - wall0) / 1e9);
            return ModelResult.ok(model, seconds, answer, Double.NaN, cpu, summarize(deviations, seconds.size()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ModelResult.notTimed(model, ModelResult.Status.FAILED, answer, "interrupted");
        } catch (Exception | Error e) {
            if (e instanceof OutOfMemoryError) {
                System.gc();
            }
            return ModelResult.notTimed(model, ModelResult.Status.FAILED, answer, describe(e));
        } finally {
            scenario.release(model);
        }
    }

    private static Object answerOf(Object result) {
        return result instanceof Scenario.Timed t ? t.answer() : result;
    }

    /** "lost 12 updates; ..." of the last run, with how many runs deviated. */
    private static String summarize(List<String> deviations, int runs) {
        if (deviations.isEmpty()) {
            return "";
        }
        return deviations.getLast() + (runs > 1 ? " (last run; " + deviations.size() + " of " + runs + " runs off)" : "");
    }

    static ModelResult wrong(Model model, Object expected, Object answer) {
        return ModelResult.notTimed(model, ModelResult.Status.WRONG, answer,
                "answer " + answer + ", expected " + expected);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
