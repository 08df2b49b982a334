package io.tandem.process.issues;

import io.tandem.Task;
import io.tandem.process.ProcessPool;
import io.tandem.process.WorkerKills;
import io.tandem.process.WorkerOutput;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.tandem.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: 2,000 tasks on 2 workers while a random worker was SIGKILLed every 200 ms: the pool declared "3 worker
 * JVMs in a row killed by signal 9 before they were ready" and failed every task, then and later, with
 * WorkerStartException. A worker killed from outside is not a worker that cannot start: it is replaced (after a
 * backoff) and the pool goes on. Here every new worker is killed as soon as it appears, five times in a row,
 * so each dies before it could be ready; then the kills stop and the waiting task runs.
 */
class KillsBeforeReadyDoNotBreakThePoolTest {
    @Test
    void workersKilledBeforeTheyAreReadyAreReplacedAndTheWaitingTaskRuns() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(1).output(WorkerOutput.discard()).build()) {
            Task<Integer> waiting = pool.submit(() -> 6 * 7);
            Set<Long> killed = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                long pid = awaitNewWorker(pool, killed);
                WorkerKills.kill(pid);
                killed.add(pid);
            }
            assertEquals(42, waiting.join());
            assertEquals(7, pool.submit(() -> 7).join(), "the pool takes new work");
            assertTrue(pool.workersStarted() >= 6, "five killed workers were replaced: " + pool.workersStarted());
        }
    }

    private static long awaitNewWorker(ProcessPool pool, Set<Long> seen) {
        long[] found = new long[1];
        await("a new worker", () -> {
            List<Long> pids = pool.workerPids();
            for (long p : pids) {
                if (!seen.contains(p)) {
                    found[0] = p;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
