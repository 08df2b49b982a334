package io.tandem.examples;

import io.tandem.Task;
import io.tandem.process.ProcessPool;
import io.tandem.process.SharedLock;
import io.tandem.process.SharedLong;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ports seed 004's shared counter across processes: {@code Value('i', 0)}, four
 * {@code Process(target=increment)} each adding one 100 times under {@code counter.get_lock()}, then
 * "Final counter value: 400". The Tandem version is a {@link SharedLong} (a {@code long} in shared memory
 * with the lock beside it, {@link SharedLong#lock()}) passed into four tasks on a four-worker
 * {@link ProcessPool}: the task's lambda captures the counter, which re-attaches the same memory in each
 * worker process. Then what the lock is for: the same read-modify-write without it loses updates between
 * processes exactly as between threads, and {@link SharedLong#incrementAndGet()} (one atomic instruction
 * on shared memory) fixes it without a lock.
 *
 * <p>The concurrency point: separate processes have separate heaps; shared memory is the one place they
 * race, and it needs the same tools as threads: a lock for a sequence of operations, an atomic operation
 * for a single one.
 *
 * <p>Shorter than the seed: 1 ms between increments instead of 10 ms. The racing part does
 * {@value #RACE_INCREMENTS} increments per process, starting together at a gate in shared memory.
 */
public final class SharedCounter {
    static final int PROCESSES = 4;
    static final int INCREMENTS = 100;
    static final int RACE_INCREMENTS = 200_000;
    static final long RACE_EXPECTED = (long) PROCESSES * RACE_INCREMENTS;

    private SharedCounter() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing on {@code out}. */
    public static void run(PrintStream out) throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(PROCESSES).name("counter").build()) {
            // all four workers up first, so the four tasks below run at the same time, one per process
            if (!pool.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("worker processes not ready after 60 s");
            }

            try (SharedLong counter = SharedLong.create(0)) {   // counter = Value('i', 0)
                Set<Long> pids = runEverywhere(pool, () -> {
                    for (int i = 0; i < INCREMENTS; i++) {
                        try (SharedLock.Held held = counter.lock().acquire()) {   // with counter.get_lock():
                            counter.set(counter.get() + 1);                         //     counter.value += 1
                        }
                        Pause.millis(1);
                    }
                });
                out.printf("Final counter value: %d%n", counter.get());
                pids.remove(ProcessHandle.current().pid());
                out.printf("(incremented by %d worker processes: pids %s)%n", pids.size(), pids);
            }

            try (SharedLong counter = SharedLong.create(0); SharedLong gate = SharedLong.create(0)) {
                runEverywhere(pool, () -> {
                    awaitGate(gate);
                    for (int i = 0; i < RACE_INCREMENTS; i++) {
                        counter.set(counter.get() + 1);   // read, then write: not atomic
                    }
                });
                long value = counter.get();
                out.printf("Without the lock: %d (expected %d; %d updates lost)%n", value, RACE_EXPECTED, RACE_EXPECTED - value);
            }

            try (SharedLong counter = SharedLong.create(0); SharedLong gate = SharedLong.create(0)) {
                runEverywhere(pool, () -> {
                    awaitGate(gate);
                    for (int i = 0; i < RACE_INCREMENTS; i++) {
                        counter.incrementAndGet();
                    }
                });
                out.printf("With incrementAndGet (atomic, no lock): %d%n", counter.get());
            }
        }
    }

    /** Runs {@code body} once in each worker at the same time; returns the pids it ran in. */
    private static Set<Long> runEverywhere(ProcessPool pool, io.tandem.function.SerializableRunnable body) {
        List<Task<Long>> tasks = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            tasks.add(pool.submit(() -> {
                body.run();
                return ProcessHandle.current().pid();
            }));
        }
        Set<Long> pids = new TreeSet<>();
        for (Task<Long> t : tasks) {
            pids.add(t.join());
        }
        return pids;
    }

    /**
     * A start gate in shared memory: each process checks in, then spins until all have, so the racing
     * loops really overlap (a worker that started late would otherwise run alone). Gives up waiting
     * after a second so a slow worker cannot hang the example.
     */
    private static void awaitGate(SharedLong gate) {
        gate.incrementAndGet();
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (gate.get() < PROCESSES && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
