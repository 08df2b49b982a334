package io.tandem.spi;

import io.tandem.Outcome;
import io.tandem.PoolClosedException;
import io.tandem.Pools;
import io.tandem.Task;
import io.tandem.TaskPool;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What core promises a backend and its observers, beyond the conformance suite. */
class PoolBackendTest {

    @Test
    void everyBuiltInPoolReportsItsCapabilities() {
        try (TaskPool threads = Pools.threads(2); TaskPool virtual = Pools.virtual(); TaskPool direct = Pools.direct()) {
            assertEquals(Set.of(Capability.INTERRUPTS), threads.capabilities());
            assertEquals(Set.of(Capability.VIRTUAL_THREADS, Capability.INTERRUPTS), virtual.capabilities());
            assertTrue(direct.capabilities().contains(Capability.CALLER_RUNS));
            assertFalse(threads.capabilities().contains(Capability.OTHER_PROCESS));
        }
    }

    @Test
    void listenersSeeThePoolItsTasksAndItsWorkers() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        PoolListener listener = new PoolListener() {
            @Override
            public void poolCreated(TaskPool pool, String kind) {
                if (pool.name().equals("observed")) {
                    events.add("created " + kind);
                }
            }

            @Override
            public void taskSubmitted(TaskPool pool, TaskHandle<?> task) {
                if (pool.name().equals("observed")) {
                    events.add("submitted " + task.name());
                }
            }

            @Override
            public void taskDone(TaskPool pool, TaskHandle<?> task, Outcome<?> outcome) {
                if (pool.name().equals("observed")) {
                    events.add("done " + task.name() + " " + outcome);
                }
            }

            @Override
            public void workerStarted(TaskPool pool, WorkerInfo worker) {
                if (pool.name().equals("observed")) {
                    events.add("worker started");
                }
            }

            @Override
            public void workerExited(TaskPool pool, WorkerInfo worker, String reason) {
                if (pool.name().equals("observed")) {
                    events.add("worker exited " + reason);
                }
            }

            @Override
            public void poolTerminated(TaskPool pool) {
                if (pool.name().equals("observed")) {
                    events.add("terminated");
                }
            }
        };
        try (AutoCloseable registration = PoolListeners.register(listener)) {
            try (TaskPool pool = Pools.builder().name("observed").build(new QueueBackend(1))) {
                assertEquals(42, pool.submit("answer", () -> 42).join());
            }
        }
        assertEquals("created queue", events.getFirst());
        assertTrue(events.contains("submitted answer"), events.toString());
        assertTrue(events.contains("done answer " + Outcome.success(42)), events.toString());
        assertTrue(events.contains("worker started"), events.toString());
        assertTrue(events.contains("worker exited stopped"), events.toString());
        assertEquals("terminated", events.getLast(), "the pool terminates after its worker exits: " + events);
    }

    @Test
    void aListenerRemovedHearsNothingMore() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        PoolListener listener = new PoolListener() {
            @Override
            public void taskSubmitted(TaskPool pool, TaskHandle<?> task) {
                heard.incrementAndGet();
            }
        };
        PoolListeners.register(listener).close();
        try (TaskPool pool = Pools.direct()) {
            pool.submit(() -> 1).join();
        }
        assertEquals(0, heard.get());
    }

    @Test
    void aThrowingListenerDoesNotBreakThePool() throws Exception {
        PoolListener listener = new PoolListener() {
            @Override
            public void taskSubmitted(TaskPool pool, TaskHandle<?> task) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (AutoCloseable registration = PoolListeners.register(listener); TaskPool pool = Pools.threads(1)) {
            assertEquals(7, pool.submit(() -> 7).join());
        }
    }

    /** prepare() runs before acceptance: its exception reaches the submitter, nothing runs, the pool closes. */
    @Test
    void aBackendRejectsATaskInPrepare() {
        AtomicInteger dispatched = new AtomicInteger();
        PoolBackend picky = new PoolBackend() {
            @Override
            public String kind() {
                return "picky";
            }

            @Override
            public int parallelism() {
                return 1;
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.CALLER_RUNS);
            }

            @Override
            public Object prepare(TaskHandle<?> task) {
                if (task.name().startsWith("bad")) {
                    throw new IllegalArgumentException("cannot run " + task.name());
                }
                return "prepared " + task.name();
            }

            @Override
            public void dispatch(TaskHandle<?> task) {
                dispatched.incrementAndGet();
                assertEquals("prepared " + task.name(), task.attachment());
                task.run();
            }
        };
        TaskPool pool = Pools.builder().build(picky);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.submit("bad one", () -> 1));
        assertEquals("cannot run bad one", e.getMessage());
        assertEquals(0, dispatched.get());
        Task<Integer> ok = pool.submit("good", () -> 2);
        assertEquals(2, ok.join());
        pool.close();
        assertTrue(pool.isTerminated(), "a rejected task holds no slot: " + pool);
        assertThrows(PoolClosedException.class, () -> pool.submit(() -> 3));
    }

    @Test
    void aBackendMustReportAPositiveParallelism() {
        PoolBackend broken = new PoolBackend() {
            @Override
            public String kind() {
                return "broken";
            }

            @Override
            public int parallelism() {
                return 0;
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public void dispatch(TaskHandle<?> task) {
                task.run();
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pools.builder().build(broken));
        assertTrue(e.getMessage().contains("parallelism 0"), e.getMessage());
    }

    @Test
    void theBackendsStateShowsInThePoolsDescription() {
        try (TaskPool pool = Pools.builder().name("described").build(new QueueBackend(1))) {
            assertTrue(pool.toString().contains("queue") && pool.toString().contains("queued"), pool.toString());
        }
    }
}
