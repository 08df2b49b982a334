package io.tandem.graph;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.process.ProcessPool;
import io.tandem.test.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ProcessPoolTaskTest {

    @Test
    void taskAsksForTheProcessPoolAndGetsItsInputs() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> a = g.add("a", () -> 20);
        TaskRef<Long> pid = g.task("pid").pool("process").call(() -> ProcessHandle.current().pid());
        TaskRef<Integer> b = g.task("b").needs(a).pool("process").call(ctx -> ctx.input(a) + 22);
        try (TaskPool threads = Pools.threads(2); ProcessPool procs = ProcessPool.create(1)) {
            RunResult r = g.run(RunOptions.builder().pool(threads).pool("process", procs).build());
            assertEquals(42, r.value(b), r::toJson);
            assertNotEquals(ProcessHandle.current().pid(), r.value(pid));
            assertEquals("process#0", r.task("b").worker());
        }
    }

    @Test
    void cancellingTheRunStopsAProcessTaskAndThePoolRespawns(@TempDir Path tmp) throws Exception {
        String marker = tmp.resolve("running").toString();
        TaskGraph g = TaskGraph.create();
        TaskRef<Long> pid = g.task("pid").pool("process").call(() -> ProcessHandle.current().pid());
        g.task("hang").needs(pid).pool("process").call(() -> {
            // tell the test the body is running in the worker: a task still queued would be cancelled
            // without a kill, which is correct but not what this test checks
            java.nio.file.Files.writeString(Path.of(marker), "running");
            long spins = 0;
            while (spins >= 0) { // ignores interrupts: the pool must kill the worker after its grace period
                spins++;
                Thread.onSpinWait();
            }
            return spins;
        });
        try (TaskPool threads = Pools.threads(1);
             ProcessPool procs = ProcessPool.builder().workers(1).cancelGrace(Duration.ofMillis(200)).build()) {
            GraphRun run = g.start(RunOptions.builder().pool(threads).pool("process", procs).build());
            Await.await("hang is running in the worker", () -> java.nio.file.Files.exists(Path.of(marker)));
            run.cancel();
            RunResult r = run.await(Duration.ofSeconds(30));
            assertEquals(TaskStatus.CANCELLED, r.status("hang"));
            long first = r.value(pid);
            Await.await("worker stopped", () -> ProcessHandle.of(first).map(h -> !h.isAlive()).orElse(true));
            assertEquals(7, procs.submit(() -> 7).join());
        }
    }
}
