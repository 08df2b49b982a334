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
 * 100k tiny tasks ({@code x*x}) through a pool's map: what per-item overhead costs when the work is
 * nothing. Tandem's {@code map} chunks automatically; the JDK baselines are a parallel stream on a
 * ForkJoinPool and hand-chunked {@code invokeAll} on a fixed pool; Python's are the seeds' own
 * {@code ThreadPoolExecutor.map} (one future per item) and {@code multiprocessing.Pool.map} (chunked).
 * The {@code process} model maps on a {@link ProcessPool} of one worker JVM per core, started before
 * the timed runs (Python's {@code Pool()} forks its workers inside each run, in a few ms).
 */
final class TinyMapScenario implements Scenario {
    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));

    @Override
    public void release(Model model) {
        processes.close();
    }

    @Override
    public String name() {
        return "tiny-map";
    }

    @Override
    public String description() {
        return "map x -> x*x over N longs (pool created, used and closed in each run)";
    }

    @Override
    public String unit() {
        return "tasks";
    }

    @Override
    public int size(Mode mode) {
        // quick: 20k, so Python's ThreadPoolExecutor (about 20 us a task) does not take a tenth of the minute
        return mode == Mode.QUICK ? 20_000 : 100_000;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.DIRECT, Model.THREADS, Model.VIRTUAL, Model.PROCESS, Model.JDK_FORKJOIN, Model.JDK_FIXED,
                Model.PY_SEQUENTIAL, Model.PY_THREADS, Model.PY_POOL);
    }

    @Override
    public Object expected(int size) {
        return Workloads.sumOfSquares(size);
    }

    @Override
    public String pythonScript() {
        return "tiny_tasks.py";
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        List<Long> input = Workloads.longs(size);
        List<Long> squares = switch (model.id()) {
            case "direct" -> tandem(Pools.direct(), input);
            case "threads" -> tandem(Pools.threads(), input);
            case "virtual" -> tandem(Pools.virtual(), input);
            case "process" -> processes.get().map(x -> x * x, input);   // auto-chunked, like Pool.map
            case "jdk-forkjoin" -> {
                try (ForkJoinPool fjp = new ForkJoinPool(Workloads.cores())) {
                    yield fjp.submit(() -> input.parallelStream().map(x -> x * x).toList()).get();
                }
            }
            case "jdk-fixed" -> {
                try (ExecutorService ex = Executors.newFixedThreadPool(Workloads.cores())) {
                    yield chunkedInvokeAll(ex, input, Workloads.cores() * 4);
                }
            }
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
        long sum = 0;
        for (Long s : squares) {
            sum += s;
        }
        return sum;
    }

    private static List<Long> tandem(TaskPool pool, List<Long> input) {
        try (pool) {
            return pool.map(x -> x * x, input);
        }
    }

    /** What one writes by hand with a plain executor: split into chunks, invokeAll, concatenate. */
    static List<Long> chunkedInvokeAll(ExecutorService ex, List<Long> input, int chunks) throws Exception {
        int n = input.size();
        int chunk = Math.max(1, (n + chunks - 1) / chunks);
        Long[] out = new Long[n];
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int start = 0; start < n; start += chunk) {
            int from = start;
            int to = Math.min(n, start + chunk);
            tasks.add(() -> {
                for (int i = from; i < to; i++) {
                    long x = input.get(i);
                    out[i] = x * x;
                }
                return null;
            });
        }
        for (Future<Void> f : ex.invokeAll(tasks)) {
            f.get();
        }
        return List.of(out);
    }
}
