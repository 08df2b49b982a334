package io.tandem.bench;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.process.ProcessPool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * CPU-bound on big numbers: {@code n!} by seed 000's {@code calculate_factorial} loop
 * ({@code result *= i}, without its fake {@code time.sleep}) for 16 numbers evenly spread up to N, one task
 * each. Each task returns {@code n! mod 1_000_000_007} and the answer is their sum, checked against a
 * modular loop that never builds a big number.
 *
 * <p>Multiplying a k-word number by a small one costs O(k), so a task costs O(n²) and the largest numbers
 * dominate: the last task is about a sixth of the work, which caps the speedup. Java multiplies
 * {@link java.math.BigInteger}s, Python its own {@code int}; both multiply in compiled code, so Python's
 * sequential loop is as fast as Java's here (on 2 cores it was measured faster), unlike the primes scenario. Python threads gain nothing: the
 * bignum multiplication runs in C while holding the GIL, so {@code py-threads} is sequential plus switching.
 *
 * <p>Runs are sequential and the scenario object is only touched by the harness thread; the {@code process}
 * model's pool (one worker JVM per core) is started before the timed runs and stopped by {@link #release}.
 */
final class FactorialsScenario implements Scenario {
    static final int NUMBERS = 16;
    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));

    @Override
    public String name() {
        return "factorials";
    }

    @Override
    public String description() {
        return "n! by the seed's multiply loop (BigInteger) for 16 n spread up to N, one task per n";
    }

    @Override
    public String unit() {
        return "n";
    }

    /*
     * QUICK: the harness spends at least 0.3 s of warm-up plus three runs on each JVM model and the
     * process model also waits for its workers, so with six JVM models the scenario stays within a few
     * seconds only with runs of tens of ms (about 40 ms sequential on an idle 2-core machine). FULL: about
     * 0.9 s sequential (the cost grows with N squared), three runs per model (maxRuns), ~30 s in all.
     */
    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 6_000 : 28_000;
    }

    /** Three timed runs: a FULL run is long enough for a stable median, and seven would double the scenario's time. */
    @Override
    public int maxRuns() {
        return 3;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.DIRECT, Model.THREADS, Model.VIRTUAL, Model.PROCESS, Model.JDK_FORKJOIN, Model.JDK_FIXED,
                Model.PY_SEQUENTIAL, Model.PY_THREADS, Model.PY_POOL, Model.PY_PROCESSES);
    }

    @Override
    public Object expected(int size) {
        long sum = 0;
        for (int n : Workloads.spread(size, NUMBERS)) {
            sum += Workloads.factorialModLoop(n);
        }
        return sum;
    }

    @Override
    public String pythonScript() {
        return "factorials.py";
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        List<Integer> numbers = Workloads.spread(size, NUMBERS);
        List<Long> results = switch (model.id()) {
            case "direct" -> tandem(Pools.direct(), numbers);
            case "threads" -> tandem(Pools.threads(), numbers);
            case "virtual" -> tandem(Pools.virtual(), numbers);
            case "process" -> processes.get().map(Workloads::factorialModP, numbers, 1);
            case "jdk-forkjoin" -> jdk(new ForkJoinPool(Workloads.cores()), numbers);
            case "jdk-fixed" -> jdk(Executors.newFixedThreadPool(Workloads.cores()), numbers);
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
        return results.stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void release(Model model) {
        processes.close();
    }

    private static List<Long> tandem(TaskPool pool, List<Integer> numbers) {
        try (pool) {
            return pool.map(Workloads::factorialModP, numbers, 1);
        }
    }

    private static List<Long> jdk(ExecutorService ex, List<Integer> numbers) throws Exception {
        try (ex) {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int n : numbers) {
                tasks.add(() -> Workloads.factorialModP(n));
            }
            List<Long> out = new ArrayList<>();
            for (Future<Long> f : ex.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        }
    }
}
