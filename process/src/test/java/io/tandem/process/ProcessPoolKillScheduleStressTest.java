package io.tandem.process;

import io.tandem.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A randomized kill schedule against a process pool: while a stream of tasks runs, worker processes are
 * SIGKILLed from outside at seeded random moments (ready workers, busy workers, workers still starting).
 * What must hold: every task ends; it succeeds with its own value, or fails with a WorkerDiedException only
 * after it spent every attempt; each task's outcome is delivered exactly once; after the kills stop the pool
 * serves new work; close() returns; no worker process is left. About 12 s per run (kills for 6 s); the
 * stress-long profile ({@code -Dtandem.stressScale=20}) runs longer schedules. Set {@code -Dtandem.killSeed=N}
 * to replay a failure: the seed is in every assertion message.
 */
class ProcessPoolKillScheduleStressTest {
    private static final int SCALE = Integer.getInteger("tandem.stressScale", 1);

    /** Runs in a worker: a little work of a random length, then the task's own index back. */
    static int work(int index, int micros) {
        long until = System.nanoTime() + micros * 1_000L;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        return index;
    }

    @Test
    void everyTaskEndsOnceAndThePoolRecovers() throws Exception {
        long seed = Long.getLong("tandem.killSeed", System.nanoTime());
        String why = "seed " + seed + " (replay with -Dtandem.killSeed=" + seed + ")";
        Random random = new Random(seed);
        Duration killFor = Duration.ofSeconds(6L * SCALE);
        List<Task<Integer>> tasks = new ArrayList<>();
        AtomicIntegerArray outcomes = new AtomicIntegerArray(200_000 * SCALE);
        Set<Long> everyWorker = new HashSet<>();
        Semaphore inFlight = new Semaphore(64);
        int workers = 1 + random.nextInt(3);
        int retries = random.nextInt(3);
        ProcessPool pool = ProcessPool.builder().workers(workers).retries(retries).pipelineDepth(1 + random.nextInt(16))
                .output(WorkerOutput.discard()).uncaughtFailureHandler((t, e) -> { }).build();
        try {
            long killerSeed = random.nextLong();
            Thread killer = Thread.ofPlatform().name("test-killer").start(() -> {
                Random r = new Random(killerSeed);
                long end = System.nanoTime() + killFor.toNanos();
                while (System.nanoTime() < end) {
                    LockSupport.parkNanos(Duration.ofMillis(20 + r.nextInt(230)).toNanos());
                    List<Long> pids = pool.workerPids();
                    if (!pids.isEmpty()) {
                        WorkerKills.kill(pids.get(r.nextInt(pids.size())));
                    }
                }
            });
            while (killer.isAlive() && tasks.size() < outcomes.length()) {
                int index = tasks.size();
                int micros = random.nextInt(4) == 0 ? random.nextInt(20_000) : random.nextInt(200);
                if (!inFlight.tryAcquire(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    fail("64 tasks have not ended for a minute: some task never ends; " + why);
                }
                Task<Integer> t = pool.submit("t" + index, () -> work(index, micros));
                t.onComplete(outcome -> {
                    outcomes.incrementAndGet(index);
                    inFlight.release();
                });
                tasks.add(t);
                everyWorker.addAll(pool.workerPids());
            }
            killer.join();
            int succeeded = 0;
            for (int i = 0; i < tasks.size(); i++) {
                Task<Integer> t = tasks.get(i);
                try {
                    assertEquals(i, t.join(), "task " + i + " came back with another task's value; " + why);
                    succeeded++;
                } catch (CompletionException e) {
                    WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause(),
                            "task " + i + " failed with something other than a worker death; " + why);
                    assertEquals(retries + 1, died.attempt(), "task " + i + " failed before it spent its attempts: "
                            + died.getMessage() + "; " + why);
                }
            }
            assertTrue(succeeded > 0, "no task succeeded; " + why);
            System.out.println("kill schedule, " + why + ": " + workers + " workers, " + tasks.size() + " tasks, "
                    + succeeded + " succeeded, " + (tasks.size() - succeeded) + " spent all " + (retries + 1)
                    + " attempts, " + pool.workersStarted() + " workers started");
            List<Task<Integer>> after = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int index = i;
                after.add(pool.submit(() -> work(index, 0)));
            }
            for (int i = 0; i < after.size(); i++) {
                assertEquals(i, after.get(i).join(), "the pool did not recover after the kills; " + why);
            }
            everyWorker.addAll(pool.workerPids());
        } finally {
            WorkerKills.closeWithin(pool, Duration.ofSeconds(60));
        }
        for (int i = 0; i < tasks.size(); i++) {
            assertEquals(1, outcomes.get(i), "task " + i + "'s outcome was delivered " + outcomes.get(i) + " times; " + why);
        }
        for (long pid : everyWorker) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " outlived close; " + why);
        }
    }
}
