package io.tandem;

import io.tandem.test.Await;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one subscription API: what it records, what it drops, and failures it never loses. */
class MonitorTest {

    @Test
    void recordsEachFinishedTaskWithItsWorkerLabelAndTimes() {
        List<Monitor.TaskEvent> events = new ArrayList<>();
        try (Monitor m = Monitor.open(); TaskPool pool = Pools.builder().name("watched").threads(2)) {
            pool.submit("resize", () -> 1).join();
            pool.submit(() -> 2).join();
            Await.await("both recorded", () -> {
                m.drain(events::add);
                return events.size() == 2;
            });
            Monitor.TaskEvent named = events.stream().filter(e -> e.label().equals("resize")).findFirst().orElseThrow();
            assertEquals(Monitor.Kind.SUCCEEDED, named.kind());
            assertEquals("watched", named.pool());
            assertEquals(1, named.attempt());
            assertTrue(named.worker().id().startsWith("watched"), named.worker().id());
            assertEquals(-1, named.worker().pid());
            assertTrue(named.startNanos() > 0 && named.endNanos() >= named.startNanos());
            assertTrue(events.stream().anyMatch(e -> e.label().equals("MonitorTest lambda")), events.toString());
            Monitor.PoolStats stats = m.pools().stream().filter(p -> p.name().equals("watched")).findFirst().orElseThrow();
            assertEquals("threads", stats.kind());
            assertEquals(2, stats.submitted());
            assertEquals(0, stats.dropped());
        }
    }

    @Test
    void mapChunksAreLabelledMap() {
        List<Monitor.TaskEvent> events = new ArrayList<>();
        try (Monitor m = Monitor.open(); TaskPool pool = Pools.threads(2)) {
            pool.map(x -> x + 1, List.of(1, 2, 3, 4));
            m.drain(events::add);
        }
        assertFalse(events.isEmpty());
        assertTrue(events.stream().allMatch(e -> e.label().equals("map")), events.toString());
    }

    @Test
    void nothingIsRecordedOnceClosed() {
        Monitor m = Monitor.open();
        m.close();
        m.close();
        try (TaskPool pool = Pools.threads(1)) {
            pool.submit(() -> 1).join();
        }
        assertEquals(0, m.drain(e -> {
        }));
    }

    @Test
    void failuresAreGroupedByTypeAndMaskedMessageAndNoneIsLostWhenTheRingDrops() {
        int n = 500;
        try (Monitor m = Monitor.open(16); TaskPool pool = Pools.builder().name("failing").threads(2)) {
            List<Task<Object>> tasks = IntStream.range(0, n).mapToObj(i -> pool.submit("job-" + i, () -> {
                if (i % 5 == 0) {
                    throw new IllegalStateException("row " + i + " is corrupt");
                }
                throw new ArithmeticException("divide by zero");
            })).toList();
            for (Task<Object> t : tasks) {
                assertThrows(CompletionException.class, t::join);
            }
            // nobody drained: the 16-event ring dropped most events, the failures list has every failure
            // (a joiner wakes when the result is set, a moment before listeners hear of it: await the last)
            Await.await("every failure recorded", () -> m.failureCount() == n);
            List<Monitor.FailureGroup> groups = m.failures();
            assertEquals(2, groups.size(), groups.toString());
            assertEquals(ArithmeticException.class.getName(), groups.get(0).type());
            assertEquals(400, groups.get(0).count());
            Monitor.FailureGroup corrupt = groups.get(1);
            assertEquals(100, corrupt.count());
            assertTrue(corrupt.message().matches("row \\d+ is corrupt"), corrupt.message());
            assertTrue(corrupt.stack().contains("IllegalStateException") && corrupt.stack().contains("MonitorTest"), corrupt.stack());
            assertEquals(FailureBook.EXAMPLES, corrupt.examples().size());
            assertTrue(corrupt.examples().getFirst().startsWith("failing / job-"), corrupt.examples().toString());
            int[] drained = new int[1];
            m.drain(e -> drained[0]++);
            Monitor.PoolStats p = m.pools().stream().filter(s -> s.name().equals("failing")).findFirst().orElseThrow();
            // the ring's 16 slots are split between the threads' stripes: what was not drained was dropped
            assertTrue(drained[0] > 0 && drained[0] <= 16, "drained " + drained[0]);
            assertEquals(n - drained[0], p.dropped());
            assertEquals(n, p.failed());
        }
    }

    @Test
    void failureGroupsAreBounded() {
        FailureBook book = new FailureBook();
        for (int i = 0; i < FailureBook.MAX_GROUPS + 50; i++) {
            book.add(new RuntimeException("kind " + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26) + (char) ('a' + i / 676)), "here", i);
        }
        List<Monitor.FailureGroup> groups = book.snapshot();
        assertEquals(FailureBook.MAX_GROUPS + 1, groups.size());
        assertEquals(FailureBook.MAX_GROUPS + 50, groups.stream().mapToLong(Monitor.FailureGroup::count).sum());
        assertEquals("row #, col #: bad", FailureBook.mask("row 12, col 3: bad"));
    }

    @Test
    void cancelledTasksAreCountedAndTerminatedPoolsLeaveTheLiveMap() throws Exception {
        List<Monitor.TaskEvent> events = new ArrayList<>();
        try (Monitor m = Monitor.open()) {
            try (TaskPool pool = Pools.builder().name("short").threads(1)) {
                java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
                Task<Object> blocker = pool.submit(() -> {
                    release.await();
                    return null;
                });
                Task<Object> queued = pool.submit(() -> null);
                assertTrue(queued.cancel(false));
                release.countDown();
                blocker.join();
            }
            m.drain(events::add);
            Monitor.TaskEvent c = events.stream().filter(e -> e.kind() == Monitor.Kind.CANCELLED).findFirst().orElseThrow();
            assertNull(c.worker());
            Monitor.PoolStats p = m.pools().stream().filter(s -> s.name().equals("short")).findFirst().orElseThrow();
            assertTrue(p.terminated());
            assertEquals(1, p.cancelled());
        }
    }

    @Test
    void tinyTasksAreAllRecordedButTimedOneInNWhileLongerOnesAndFailuresAlwaysCarryTimes() {
        List<Monitor.TaskEvent> events = new ArrayList<>();
        try (Monitor m = Monitor.open(); TaskPool pool = Pools.direct()) {
            int n = 5_000;
            long sum = 0;
            for (int i = 0; i < n; i++) {
                int x = i;
                sum += pool.submit(() -> x + 1).join();
            }
            assertEquals((long) n * (n + 1) / 2, sum);
            assertThrows(CompletionException.class, () -> pool.submit(() -> {
                throw new IllegalStateException("tiny and failing");
            }).join());
            m.drain(e -> {
                if (e.pool().equals(pool.name())) {
                    events.add(e);
                }
            });
            assertEquals(n + 1, events.size(), "every task is recorded, timed or not");
            List<Monitor.TaskEvent> ok = events.stream().filter(e -> e.kind() == Monitor.Kind.SUCCEEDED).toList();
            assertEquals(n, ok.size());
            assertTrue(ok.stream().allMatch(e -> e.worker() != null && e.attempt() == 1), "untimed tasks keep worker and attempt");
            long timed = ok.stream().filter(Monitor.TaskEvent::timed).count();
            assertTrue(ok.get(0).timed(), "a pool's first observed task is timed");
            assertTrue(timed >= 1 && timed <= n / 2, "tiny tasks are timed one in N, got " + timed + " of " + n);
            assertTrue(ok.stream().filter(e -> !e.timed()).allMatch(e -> e.startNanos() == 0 && e.endNanos() == 0));
            Monitor.TaskEvent failed = events.stream().filter(e -> e.kind() == Monitor.Kind.FAILED).findFirst().orElseThrow();
            assertTrue(failed.timed(), "a failure always carries a time: " + failed);
        }
        events.clear();
        try (Monitor m = Monitor.open(); TaskPool pool = Pools.direct()) {
            long spin = 4 * Monitor.TINY_TASK_NANOS;
            for (int i = 0; i < 40; i++) {
                pool.submit(() -> {
                    long until = System.nanoTime() + spin; // the task's workload: a body longer than "tiny"
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    return null;
                }).join();
            }
            m.drain(e -> {
                if (e.pool().equals(pool.name())) {
                    events.add(e);
                }
            });
            assertEquals(40, events.size());
            assertTrue(events.stream().allMatch(e -> e.timed() && e.endNanos() - e.startNanos() >= spin),
                    "tasks longer than tiny are all timed: " + events);
        }
    }

    @Test
    void twoMonitorsOpenAtOnceEachSeeEveryTinyTaskOfEveryThread() {
        int n = 20_000;
        try (Monitor a = Monitor.open(); Monitor b = Monitor.open();
             TaskPool direct = Pools.direct(); TaskPool threads = Pools.builder().name("two-monitors").threads(2)) {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int x = i;
                direct.submit(() -> x).join();
                tasks.add(threads.submit(() -> x));
            }
            tasks.forEach(Task::join);
            for (Monitor m : List.of(a, b)) {
                long[] seen = new long[2];
                m.drainTo(new Monitor.EventSink() {
                    @Override
                    public void event(Monitor.Kind kind, String pool, long task, String label, io.tandem.spi.WorkerInfo worker,
                                      int attempt, long startNanos, long endNanos, Throwable error) {
                        count(pool, 1);
                    }

                    @Override
                    public void untimed(String pool, String label, io.tandem.spi.WorkerInfo worker, long count) {
                        count(pool, count);
                    }

                    private void count(String pool, long k) {
                        if (pool.equals(direct.name())) {
                            seen[0] += k;
                        } else if (pool.equals(threads.name())) {
                            seen[1] += k;
                        }
                    }
                });
                // a thread counts untimed tasks for one monitor at a time; the other one records ring events,
                // which its ring may drop when not drained: every task is delivered once or counted as dropped
                Map<String, Long> dropped = m.pools().stream().collect(java.util.stream.Collectors.toMap(
                        Monitor.PoolStats::name, Monitor.PoolStats::dropped, Long::sum));
                assertEquals(n, seen[0] + dropped.getOrDefault(direct.name(), 0L), "direct pool, every task once");
                assertEquals(n, seen[1] + dropped.getOrDefault(threads.name(), 0L), "threads pool, every task once");
            }
        }
    }

    @Test
    void aClosedMonitorIsNotKeptAliveByThePoolsAndThreadsItWatched() {
        try (TaskPool direct = Pools.direct(); TaskPool threads = Pools.builder().name("outlives-monitor").threads(2)) {
            java.lang.ref.WeakReference<Monitor> gone = watchAndClose(direct, threads);
            Await.await("the closed monitor is collected", () -> {
                System.gc(); // what is awaited is the collection itself
                return gone.get() == null;
            });
            assertEquals(7, threads.submit(() -> 7).join(), "the pools go on");
        }
    }

    private static java.lang.ref.WeakReference<Monitor> watchAndClose(TaskPool direct, TaskPool threads) {
        Monitor m = Monitor.open(1 << 20); // big rings: what a leak would keep
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int x = i;
            direct.submit(() -> x).join();
            tasks.add(threads.submit(() -> x));
        }
        tasks.forEach(Task::join);
        m.close();
        return new java.lang.ref.WeakReference<>(m);
    }
}
