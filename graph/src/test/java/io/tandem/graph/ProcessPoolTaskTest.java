package io.tandem.graph;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.process.ProcessPool;
import io.tandem.spi.Capability;
import io.tandem.spi.ForwardingTaskPool;
import io.tandem.test.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graph tasks on pools whose tasks run in another process: the scheduler knows them by {@link Capability#OTHER_PROCESS}. */
class ProcessPoolTaskTest {

    /** A pool that is not a {@code ProcessPool}: only what it reports can tell the scheduler where its tasks run. */
    private static final class Reporting extends ForwardingTaskPool {
        private final Set<Capability> capabilities;

        Reporting(TaskPool delegate, Set<Capability> capabilities) {
            super(delegate);
            this.capabilities = capabilities;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }
    }

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
    void aProcessPoolBehindAnotherClassIsKnownByItsCapability() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> a = g.add("a", () -> 20);
        TaskRef<Long> pid = g.task("pid").pool("process").call(() -> ProcessHandle.current().pid());
        TaskRef<Integer> b = g.task("b").needs(a).pool("process").call(ctx -> ctx.input(a) + 22);
        try (TaskPool threads = Pools.threads(2); ProcessPool procs = ProcessPool.create(1)) {
            TaskPool wrapped = new Reporting(procs, procs.capabilities());
            assertFalse(wrapped instanceof ProcessPool);
            assertTrue(wrapped.capabilities().contains(Capability.OTHER_PROCESS), "a process pool reports OTHER_PROCESS");
            RunResult r = g.run(RunOptions.builder().pool(threads).pool("process", wrapped).build());
            assertEquals(42, r.value(b), r::toJson);
            assertNotEquals(ProcessHandle.current().pid(), r.value(pid));
            assertEquals("process#0", r.task("b").worker());
        }
    }

    @Test
    void aPoolReportingOtherProcessGetsACopyOfTheContextWithoutTheEngine() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> a = g.add("a", () -> 1);
        g.task("remoteAdd").needs(a).pool("remote").call(ctx -> ctx.add("never").call(() -> 0));
        TaskRef<Integer> sum = g.task("remoteInput").needs(a).pool("remote").call(ctx -> ctx.input(a) + 1);
        g.task("localAdd").needs(a).call(ctx -> ctx.add("added").call(() -> 2));
        try (TaskPool threads = Pools.threads(2); TaskPool inner = Pools.threads(1)) {
            TaskPool remote = new Reporting(inner, EnumSet.of(Capability.OTHER_PROCESS));
            RunResult r = g.run(RunOptions.builder().pool(threads).pool("remote", remote).build());
            assertEquals(2, r.value(sum), r::toJson);
            assertEquals(TaskStatus.FAILED, r.status("remoteAdd"));
            assertInstanceOf(UnsupportedOperationException.class, r.task("remoteAdd").error());
            assertTrue(r.task("remoteAdd").error().getMessage().contains("runs in a worker process"), r.task("remoteAdd").error()::getMessage);
            assertEquals(TaskStatus.SUCCEEDED, r.status("localAdd"));
            assertEquals(2, r.task("added").value());
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
