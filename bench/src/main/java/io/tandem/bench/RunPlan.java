package io.tandem.bench;

/**
 * How many times a model runs: untimed warm-ups for {@code warmupSeconds} (at least one; JVM models
 * only), then at least {@code minRuns} and at most {@code maxRuns} timed runs, stopping once
 * {@code minRunSeconds} of runs have been timed. Python approaches do {@code minRuns} runs or stop when
 * {@code pythonBudgetSeconds} are spent (after at least one).
 */
public record RunPlan(int minRuns, int maxRuns, double minRunSeconds, double warmupSeconds,
                      double pythonBudgetSeconds) {
    static final int MAX_ADAPTIVE_RUNS = 200;

    public RunPlan {
        if (minRuns < 1 || maxRuns < minRuns) {
            throw new IllegalArgumentException("runs: need 1 <= minRuns <= maxRuns, got " + minRuns + ", " + maxRuns);
        }
    }

    /** Exactly {@code runs} timed runs after a short warm-up. */
    public static RunPlan exactly(int runs) {
        return new RunPlan(runs, runs, 0, 0.05, Double.POSITIVE_INFINITY);
    }
}
