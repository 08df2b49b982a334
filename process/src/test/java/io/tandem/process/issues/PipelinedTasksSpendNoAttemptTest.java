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
import java.util.concurrent.CompletionException;

import static io.tandem.process.WorkerKills.awaitStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 12: a task with retries(1) failed after its body had run once: each time a worker died while the task only
 * waited in that worker's pipeline, the task was charged an attempt. An attempt is spent only when the body
 * started. Here b waits behind a in the single worker's pipeline while a is killed twice (two workers die with b
 * queued in them); then b itself is killed once, mid-body, and with one retry left it runs again and succeeds.
 */
class PipelinedTasksSpendNoAttemptTest {
    @TempDir
    Path tmp;

    @Test
    void onlyStartedBodiesSpendAttempts() throws Exception {
        Path log = tmp.resolve("log");
        String release = tmp.resolve("release").toString();
        try (ProcessPool pool = ProcessPool.builder().workers(1).retries(1).output(WorkerOutput.discard())
                .uncaughtFailureHandler((t, e) -> { }).build()) { // a's failure is asserted below
            Task<String> a = pool.submit("a", () -> WorkerKills.logAndHold(log.toString(), "a", release));
            Task<String> b = pool.submit("b", () -> WorkerKills.logAndHold(log.toString(), "b", release));
            WorkerKills.kill(awaitStart(log, "a", 1));
            WorkerKills.kill(awaitStart(log, "a", 2));
            WorkerDiedException aDied = assertInstanceOf(WorkerDiedException.class,
                    assertThrows(CompletionException.class, a::join).getCause());
            assertEquals(2, aDied.attempt(), aDied.getMessage());

            WorkerKills.kill(awaitStart(log, "b", 1)); // b's first attempt: its body was running
            awaitStart(log, "b", 2);
            Files.createFile(Path.of(release));
            assertEquals("b", b.join(), "b had one retry left: its queued time in two dead workers spent none");
            assertEquals(2, WorkerKills.starts(log, "b").size());
        }
    }
}
