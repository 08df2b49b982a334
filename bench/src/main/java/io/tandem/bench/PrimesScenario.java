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
 * CPU-bound: the sum of the primes below N by trial division, split into 8 equal-width ranges, one task
 * each: the seed's {@code find_primes} over {@code ranges} with a {@code ProcessPoolExecutor}. The
 * ranges cost unequal amounts (higher numbers need more divisions), so load balancing matters. The
 * {@code process} model runs the ranges on a {@link ProcessPool} (one worker JVM per core) started before
 * the timed runs.
 */
final class PrimesScenario implements Scenario {
    static final int RANGES = 8;
    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));

    @Override
    public void release(Model model) {
        processes.close();
    }

    @Override
    public String name() {
        return "primes";
    }

    @Override
    public String description() {
        return "sum of primes below N by trial division, 8 ranges, one task per range";
    }

    @Override
    public String unit() {
        return "numbers";
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 500_000 : 2_000_000;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.DIRECT, Model.THREADS, Model.VIRTUAL, Model.PROCESS, Model.JDK_FORKJOIN, Model.JDK_FIXED,
                Model.PY_SEQUENTIAL, Model.PY_THREADS, Model.PY_POOL, Model.PY_PROCESSES);
    }

    @Override
    public Object expected(int size) {
        return Workloads.sumPrimesSieve(size);
    }

    @Override
    public String pythonScript() {
        return "primes.py";
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        List<long[]> ranges = Workloads.ranges(size, RANGES);
        List<Long> sums = switch (model.id()) {
            case "direct" -> tandem(Pools.direct(), ranges);
            case "threads" -> tandem(Pools.threads(), ranges);
            case "virtual" -> tandem(Pools.virtual(), ranges);
            case "process" -> processes.get().map(r -> Workloads.sumPrimes(r[0], r[1]), ranges, 1);
            case "jdk-forkjoin" -> jdk(new ForkJoinPool(Workloads.cores()), ranges);
            case "jdk-fixed" -> jdk(Executors.newFixedThreadPool(Workloads.cores()), ranges);
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
        return sums.stream().mapToLong(Long::longValue).sum();
    }

    private static List<Long> tandem(TaskPool pool, List<long[]> ranges) {
        try (pool) {
            return pool.map(r -> Workloads.sumPrimes(r[0], r[1]), ranges, 1);
        }
    }

    private static List<Long> jdk(ExecutorService ex, List<long[]> ranges) throws Exception {
        try (ex) {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (long[] r : ranges) {
                tasks.add(() -> Workloads.sumPrimes(r[0], r[1]));
            }
            List<Long> out = new ArrayList<>();
            for (Future<Long> f : ex.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        }
    }
}
