package io.tandem.bench;

/**
 * How thorough a run is: {@code QUICK} keeps a whole {@code tandem bench --quick} under a minute on 2 cores,
 * {@code FULL} a whole {@code tandem bench} under ten. In FULL a Python approach stops after 15 s of runs
 * (at least one): the slowest seed approaches take 5-15 s a run (ThreadPoolExecutor on primes, one
 * ProcessPoolExecutor task per item), so a fixed run count would spend most of the budget on them, while two
 * or three multi-second runs already agree within a few percent.
 */
public enum Mode {
    QUICK(3, 0.1, 0.25, 0.75),
    FULL(7, 1.0, 2, 15);

    private final int defaultRuns;
    private final double warmupSeconds;
    private final double measureSeconds;
    private final double pythonBudgetSeconds;

    Mode(int defaultRuns, double warmupSeconds, double measureSeconds, double pythonBudgetSeconds) {
        this.defaultRuns = defaultRuns;
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
        this.pythonBudgetSeconds = pythonBudgetSeconds;
    }

    /** Timed runs per model unless {@code --runs} says otherwise (the minimum; fast runs repeat more). */
    public int defaultRuns() {
        return defaultRuns;
    }

    /** Unless {@code --runs} is given, JVM models keep running (up to 200 runs) until this much time was timed. */
    public double measureSeconds() {
        return measureSeconds;
    }

    /** Unless {@code --runs} is given, a Python approach stops after this many seconds of runs (at least one). */
    public double pythonBudgetSeconds() {
        return pythonBudgetSeconds;
    }

    /** Warm-up budget per JVM model: untimed runs repeat until this much time has passed (at least one). */
    public double warmupSeconds() {
        return warmupSeconds;
    }
}
