package io.tandem.bench;

import io.tandem.Pools;
import io.tandem.Scope;
import io.tandem.Task;
import io.tandem.TaskPool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * I/O-bound in the limit: N concurrent 100 ms sleeps, the seeds' {@code asyncio.gather} of
 * {@code asyncio.sleep}. The ideal wall time is 100 ms whatever N is; what it costs beyond that is the
 * price of a task (creation, parking, the timer, waking up) and shows in time and in peak RSS, which is
 * why every Java model runs in a fresh child JVM with {@code -Xmx1g}.
 */
final class SleepsScenario implements Scenario {
    static final long SLEEP_MILLIS = 100;

    private final String name;
    private final int size;
    private final Mode runsByDefaultFrom;

    /**
     * @param runsByDefaultFrom the lightest mode a plain {@code tandem bench} runs it in ({@code QUICK}: both,
     *                          {@code FULL}: full only), or {@code null}: only when named with {@code --scenario}
     */
    SleepsScenario(String name, int size, Mode runsByDefaultFrom) {
        this.name = name;
        this.size = size;
        this.runsByDefaultFrom = runsByDefaultFrom;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "N concurrent " + SLEEP_MILLIS + " ms sleeps, each its own task (child JVM per model, -Xmx1g)";
    }

    @Override
    public String unit() {
        return "sleeps";
    }

    @Override
    public int size(Mode mode) {
        return size;
    }

    @Override
    public boolean runsByDefault(Mode mode) {
        return runsByDefaultFrom != null && mode.compareTo(runsByDefaultFrom) >= 0;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.SCOPE, Model.VIRTUAL, Model.JDK_VIRTUAL, Model.PY_ASYNCIO);
    }

    @Override
    public Object expected(int size) {
        return (long) size;
    }

    @Override
    public String pythonScript() {
        return "sleeps.py";
    }

    @Override
    public boolean forkPerModel() {
        return true;
    }

    /** Three runs from 100k sleeps up: asyncio needs seconds per run there, and FULL would spend a minute on it. */
    @Override
    public int maxRuns() {
        return size >= 100_000 ? 3 : Integer.MAX_VALUE;
    }

    @Override
    public Object run(Model model, int n) throws Exception {
        return switch (model.id()) {
            case "scope" -> {
                try (Scope scope = Scope.open()) {
                    List<Task<Integer>> tasks = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        tasks.add(scope.fork(SleepsScenario::sleep));
                    }
                    scope.join();
                    yield sum(tasks);
                }
            }
            case "virtual" -> {
                try (TaskPool pool = Pools.virtual()) {
                    List<Task<Integer>> tasks = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        tasks.add(pool.submit(SleepsScenario::sleep));
                    }
                    yield sum(tasks);
                }
            }
            case "jdk-virtual" -> {
                try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<Integer>> futures = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        futures.add(ex.submit(SleepsScenario::sleep));
                    }
                    long sum = 0;
                    for (Future<Integer> f : futures) {
                        sum += f.get();
                    }
                    yield sum;
                }
            }
            default -> throw new UnsupportedOperationException(name + " has no Java model " + model.id());
        };
    }

    private static Integer sleep() throws InterruptedException {
        Thread.sleep(SLEEP_MILLIS);
        return 1;
    }

    private static long sum(List<Task<Integer>> tasks) {
        long sum = 0;
        for (Task<Integer> t : tasks) {
            sum += t.join();
        }
        return sum;
    }
}
