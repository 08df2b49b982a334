package io.tandem.bench;

import io.tandem.Pools;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * N tiny tasks, one submit each, then one join each: the per-task cost of the pool itself (task object,
 * queueing, wake-up, completion) with nothing to amortise it. Python's baseline is the seeds'
 * {@code ThreadPoolExecutor.submit} + {@code result()}.
 */
final class TinySubmitScenario implements Scenario {
    @Override
    public String name() {
        return "tiny-submit";
    }

    @Override
    public String description() {
        return "submit N tasks (x -> x*x) one by one, then join each";
    }

    @Override
    public String unit() {
        return "tasks";
    }

    @Override
    public int size(Mode mode) {
        return mode == Mode.QUICK ? 20_000 : 100_000;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.DIRECT, Model.THREADS, Model.VIRTUAL, Model.JDK_FORKJOIN, Model.JDK_FIXED,
                Model.JDK_VIRTUAL, Model.PY_THREADS);
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
    public String pythonApproach(Model model) {
        return model.id() + "-submit";
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        return switch (model.id()) {
            case "direct" -> Workloads.submitEach(Pools.direct(), size);
            case "threads" -> Workloads.submitEach(Pools.threads(), size);
            case "virtual" -> Workloads.submitEach(Pools.virtual(), size);
            case "jdk-forkjoin" -> jdk(new ForkJoinPool(Workloads.cores()), size);
            case "jdk-fixed" -> jdk(Executors.newFixedThreadPool(Workloads.cores()), size);
            case "jdk-virtual" -> jdk(Executors.newVirtualThreadPerTaskExecutor(), size);
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
    }

    private static long jdk(ExecutorService ex, int n) throws Exception {
        try (ex) {
            List<Future<Long>> futures = new ArrayList<>(n);
            for (long i = 0; i < n; i++) {
                long x = i;
                futures.add(ex.submit(() -> x * x));
            }
            long sum = 0;
            for (Future<Long> f : futures) {
                sum += f.get();
            }
            return sum;
        }
    }
}
