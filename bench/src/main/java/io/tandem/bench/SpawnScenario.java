package io.tandem.bench;

import io.tandem.process.ProcessPool;

import java.time.Duration;
import java.util.List;

/**
 * Worker start-up: {@code ProcessPool.create(N)} until {@code awaitReady} returns (every worker started,
 * connected and ready for tasks), N = one per core, started in parallel. The baseline {@code raw-jvm}
 * starts N plain child JVMs with the workers' flags that connect back over a Unix-domain socket (what a
 * worker does before Tandem's own start-up: Fory, the handshake). Closing is not timed. Since the workers
 * start in parallel, the median is also the time until any one worker is ready.
 */
final class SpawnScenario implements Scenario {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "spawn";
    }

    @Override
    public String description() {
        return "start N worker JVMs in parallel until all are ready (close not timed)";
    }

    @Override
    public String unit() {
        return "workers";
    }

    @Override
    public int size(Mode mode) {
        return Workloads.cores();
    }

    /** Starting JVMs dominates; {@code --quick} runs it only when named ({@code --scenario}), to stay under a minute. */
    @Override
    public boolean runsByDefault(Mode mode) {
        return mode == Mode.FULL;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.PROCESS, Model.RAW_JVM);
    }

    @Override
    public Object expected(int size) {
        return size;
    }

    @Override
    public int maxRuns() {
        return 10;
    }

    @Override
    public Object run(Model model, int size) throws Exception {
        return switch (model.id()) {
            case "process" -> {
                long t0 = System.nanoTime();
                try (ProcessPool pool = ProcessPool.create(size)) {
                    if (!pool.awaitReady(READY_TIMEOUT)) {
                        throw new IllegalStateException("workers not ready after " + READY_TIMEOUT.toSeconds() + " s");
                    }
                    long t1 = System.nanoTime();
                    yield new Timed(pool.workerPids().size(), (t1 - t0) / 1e9);
                }
            }
            case "raw-jvm" -> {
                long t0 = System.nanoTime();
                try (RawChild children = RawChild.start(size)) {
                    long t1 = System.nanoTime();
                    yield new Timed(size, (t1 - t0) / 1e9);
                }
            }
            default -> throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        };
    }
}
