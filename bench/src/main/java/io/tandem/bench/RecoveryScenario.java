package io.tandem.bench;

import io.tandem.process.ProcessPool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Failure recovery: SIGKILL one idle worker of a warm pool ({@code ProcessHandle.destroyForcibly} on a pid
 * from {@code workerPids()}) and time until the pool is whole again: the dead pid gone, a replacement
 * started ({@code workersStarted()} went up) and every worker ready ({@code awaitReady}). One recovery per
 * run. The pool (one worker per core) is started before the timed runs; the time is mostly the
 * replacement's start-up (compare {@code spawn}).
 */
final class RecoveryScenario implements Scenario {
    private static final long TIMEOUT_NANOS = Duration.ofSeconds(60).toNanos();
    private final WarmProcessPool processes = new WarmProcessPool(() -> ProcessPool.create(Workloads.cores()));

    @Override
    public String name() {
        return "recovery";
    }

    @Override
    public String description() {
        return "SIGKILL an idle worker, time until a replacement is ready; N kills per run";
    }

    @Override
    public String unit() {
        return "recoveries";
    }

    @Override
    public int size(Mode mode) {
        return 1;
    }

    /** Starting JVMs dominates; {@code --quick} runs it only when named ({@code --scenario}), to stay under a minute. */
    @Override
    public boolean runsByDefault(Mode mode) {
        return mode == Mode.FULL;
    }

    @Override
    public List<Model> models() {
        return List.of(Model.PROCESS);
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
        if (!model.equals(Model.PROCESS)) {
            throw new UnsupportedOperationException(name() + " has no Java model " + model.id());
        }
        ProcessPool pool = processes.get();
        int workers = Workloads.cores();
        double seconds = 0;
        int recovered = 0;
        for (int k = 0; k < size; k++) {
            long victim = pool.workerPids().getFirst();
            long started = pool.workersStarted();
            long t0 = System.nanoTime();
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            long deadline = t0 + TIMEOUT_NANOS;
            List<Long> pids;
            while ((pids = pool.workerPids()).contains(victim) || pool.workersStarted() == started || pids.size() < workers) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no replacement for worker " + victim + " after 60 s; pids " + pids);
                }
                LockSupport.parkNanos(50_000);   // poll: the pool has no recovery event to wait on
            }
            if (!pool.awaitReady(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                throw new IllegalStateException("replacement for worker " + victim + " not ready after 60 s");
            }
            seconds += (System.nanoTime() - t0) / 1e9;
            recovered++;
        }
        // the replacement really works (not timed)
        if (pool.submit(() -> 6 * 7).join() != 42) {
            throw new IllegalStateException("the recovered pool computed a wrong answer");
        }
        return new Timed(recovered, seconds);
    }

    @Override
    public void release(Model model) {
        processes.close();
    }
}
