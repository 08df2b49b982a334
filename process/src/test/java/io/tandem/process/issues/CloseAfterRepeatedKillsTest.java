package io.tandem.process.issues;

import io.tandem.Task;
import io.tandem.process.ProcessPool;
import io.tandem.process.WorkerDiedException;
import io.tandem.process.WorkerKills;
import io.tandem.process.WorkerOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static io.tandem.process.WorkerKills.awaitStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 12: close() blocked forever (0% CPU, a live worker left) after the pool's single worker was SIGKILLed
 * three times under running tasks with retries(1): the stop ran on a virtual thread, and both carriers of the
 * 2-core machine sat in blocking reads of workers' stdout/stderr pipes, also on virtual threads.
 *
 * <p>The scenario is replayed here with the virtual-thread scheduler's carriers all taken: surefire runs tests
 * with {@code -Djdk.virtualThreadScheduler.parallelism=2}, and this test keeps that many virtual threads spinning
 * (a spinning virtual thread never yields its carrier). Nothing of the pool (reading pipes and sockets,
 * handling exits, deadlines, flushing, stopping) may need a virtual thread, so kills, retries and close work.
 */
class CloseAfterRepeatedKillsTest {
    @TempDir
    Path tmp;

    private static volatile boolean spin;

    @Test
    void closeReturnsAfterThreeKillsUnderRunningTasksWithEveryCarrierTaken() throws Exception {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        List<Thread> hogs = new ArrayList<>();
        spin = true;
        try {
            for (int i = 0; i < carriers; i++) {
                hogs.add(Thread.ofVirtual().name("carrier-hog-" + i).start(() -> {
                    while (spin) {
                        Thread.onSpinWait();
                    }
                }));
            }
            replayTheIssue();
        } finally {
            spin = false;
            for (Thread t : hogs) {
                t.join();
            }
        }
    }

    private void replayTheIssue() throws Exception {
        Path log = tmp.resolve("log");
        String release = tmp.resolve("release").toString();
        ProcessPool pool = ProcessPool.builder().workers(1).retries(1).output(WorkerOutput.discard())
                .uncaughtFailureHandler((t, e) -> { }).build(); // a's failure is asserted below
        Task<String> a;
        Task<String> b;
        Task<String> c;
        try {
            a = pool.submit("a", () -> WorkerKills.logAndHold(log.toString(), "a", release));
            b = pool.submit("b", () -> WorkerKills.logAndHold(log.toString(), "b", release));
            c = pool.submit("c", () -> WorkerKills.logAndHold(log.toString(), "c", release));
            WorkerKills.kill(awaitStart(log, "a", 1)); // a: attempt 1 of 2
            WorkerKills.kill(awaitStart(log, "a", 2)); // a: attempt 2 of 2, a fails
            WorkerKills.kill(awaitStart(log, "b", 1)); // b: attempt 1 of 2
            awaitStart(log, "b", 2);
            Files.createFile(Path.of(release));
        } finally {
            WorkerKills.closeWithin(pool, Duration.ofSeconds(60));
        }
        WorkerDiedException died = assertInstanceOf(WorkerDiedException.class,
                assertThrows(CompletionException.class, a::join).getCause());
        assertEquals(2, died.attempt());
        assertEquals("b", b.join());
        assertEquals("c", c.join());
        assertEquals(1, WorkerKills.starts(log, "c").size(), "c waited behind a and b in the pipeline; it ran once");
    }
}
