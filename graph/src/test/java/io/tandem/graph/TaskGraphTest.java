package io.tandem.graph;

import io.tandem.Pools;
import io.tandem.RetryPolicy;
import io.tandem.TaskPool;
import io.tandem.test.Await;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskGraphTest {

    private static RunResult run(TaskGraph g, TaskPool pool) throws InterruptedException {
        return g.run(RunOptions.builder().pool(pool).build());
    }

    @Test
    void chainPassesTypedResults() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> a = g.add("a", () -> 1);
        TaskRef<Integer> b = g.add("b", a, x -> x + 1);
        TaskRef<String> c = g.add("c", b, x -> "v" + (x * 10));
        try (TaskPool pool = Pools.threads(2)) {
            RunResult r = run(g, pool);
            assertTrue(r.succeeded());
            assertEquals("v20", r.value(c));
            assertEquals(1, r.task("c").attempts());
            assertTrue(r.task("c").start().compareTo(r.task("b").end()) >= 0);
        }
    }

    @Test
    void fanOutFanInAndDiamond() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> root = g.add("root", () -> 2);
        List<TaskRef<Integer>> mids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int k = i;
            mids.add(g.add("mid" + i, root, x -> x * k));
        }
        TaskRef<Integer> sum = g.task("sum").needs(mids).call(ctx -> mids.stream().mapToInt(ctx::input).sum());
        TaskRef<Integer> left = g.add("left", root, x -> x + 1);
        TaskRef<Integer> right = g.add("right", root, x -> x + 2);
        TaskRef<Integer> join = g.add("join", left, right, Integer::sum);
        try (TaskPool pool = Pools.threads(3)) {
            RunResult r = run(g, pool);
            assertEquals(2 * (49 * 50 / 2), r.value(sum));
            assertEquals(7, r.value(join));
        }
    }

    @Test
    void worksOnDirectAndVirtualPools() throws Exception {
        for (TaskPool pool : List.of(Pools.direct(), Pools.virtual())) {
            try (pool) {
                TaskGraph g = TaskGraph.create();
                TaskRef<Integer> a = g.add("a", () -> 20);
                TaskRef<Integer> b = g.add("b", a, x -> x + 1);
                TaskRef<Integer> c = g.add("c", a, b, Integer::sum);
                assertEquals(41, g.run(RunOptions.builder().pool(pool).maxInFlight(8).build()).value(c));
            }
        }
    }

    @Test
    void prioritiesRespectedWhenResourcesAreScarce() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> gate = g.add("gate", () -> 0);
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        List<Integer> prios = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 30; i++) {
            int p = rnd.nextInt(100);
            prios.add(p);
            g.task("t" + i).needs(gate).priority(p).resource("db", 1).call(() -> {
                started.add(p);
                return p;
            });
        }
        try (TaskPool pool = Pools.threads(4)) {
            RunResult r = g.run(RunOptions.builder().pool(pool).resource("db", 1).build());
            assertTrue(r.succeeded());
        }
        List<Integer> expected = new ArrayList<>(prios);
        expected.sort(Collections.reverseOrder());
        assertEquals(expected, started);
    }

    @Test
    void resourcesBoundConcurrency() throws Exception {
        TaskGraph g = TaskGraph.create();
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        for (int i = 0; i < 40; i++) {
            g.task("t" + i).resource("cpu", 2).call(() -> {
                int now = inUse.addAndGet(2);
                peak.accumulateAndGet(now, Math::max);
                Thread.onSpinWait();
                inUse.addAndGet(-2);
                return null;
            });
        }
        try (TaskPool pool = Pools.threads(4)) {
            assertTrue(g.run(RunOptions.builder().pool(pool).resource("cpu", 4).build()).succeeded());
        }
        assertTrue(peak.get() <= 4, "peak " + peak.get());
    }

    @Test
    void retriesWithBackoffOnlyForChosenExceptions() throws Exception {
        TaskGraph g = TaskGraph.create();
        AtomicInteger calls = new AtomicInteger();
        TaskRef<String> flaky = g.task("flaky").retry(RetryPolicy.attempts(3).backoff(Duration.ofMillis(5)).retryOn(IOException.class))
                .call(() -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new IOException("transient");
                    }
                    return "ok";
                });
        g.task("wrongType").retry(RetryPolicy.attempts(5).retryOn(IOException.class)).call(() -> {
            throw new IllegalStateException("not retried");
        });
        g.task("exhausted").retries(2).call(() -> {
            throw new UncheckedIOException(new IOException("always"));
        });
        List<GraphEvent> events = new CopyOnWriteArrayList<>();
        try (TaskPool pool = Pools.threads(2)) {
            RunResult r = g.run(RunOptions.builder().pool(pool).listener(events::add).build());
            assertEquals("ok", r.value(flaky));
            assertEquals(3, r.task("flaky").attempts());
            assertEquals(1, r.task("wrongType").attempts());
            assertInstanceOf(IllegalStateException.class, r.task("wrongType").error());
            assertEquals(3, r.task("exhausted").attempts());
            assertEquals(TaskStatus.FAILED, r.status("exhausted"));
        }
        assertEquals(2 + 2, events.stream().filter(e -> e instanceof GraphEvent.TaskRetrying).count());
        assertInstanceOf(GraphEvent.RunFinished.class, events.getLast());
    }

    @Test
    void retryPolicyJitterAndPredicateApplyToGraphTasks() throws Exception {
        TaskGraph g = TaskGraph.create();
        AtomicInteger calls = new AtomicInteger();
        Duration backoff = Duration.ofMillis(8);
        RetryPolicy policy = RetryPolicy.attempts(4).backoff(backoff, 2.0, backoff.multipliedBy(4)).jitter(0.5)
                .retryIf(e -> e.getMessage().startsWith("transient"));
        TaskRef<String> flaky = g.task("flaky").retry(policy).call(() -> {
            if (calls.incrementAndGet() < 4) {
                throw new IOException("transient " + calls.get());
            }
            return "ok";
        });
        g.task("permanent").retry(policy).call(() -> {
            throw new IOException("permanent");
        });
        List<GraphEvent.TaskRetrying> retries = new CopyOnWriteArrayList<>();
        try (TaskPool pool = Pools.threads(2)) {
            RunResult r = g.run(RunOptions.builder().pool(pool).listener(e -> {
                if (e instanceof GraphEvent.TaskRetrying t) {
                    retries.add(t);
                }
            }).build());
            assertEquals("ok", r.value(flaky));
            assertEquals(4, r.task("flaky").attempts());
            assertEquals(1, r.task("permanent").attempts(), "the predicate refuses 'permanent'");
        }
        assertEquals(3, retries.size());
        for (GraphEvent.TaskRetrying t : retries) {
            Duration full = policy.delayAfter(t.attempt());
            assertTrue(t.delay().compareTo(full) <= 0 && t.delay().compareTo(full.dividedBy(2)) >= 0,
                    "attempt " + t.attempt() + ": delay " + t.delay() + " must be within half of " + full + " and " + full);
        }
    }

    @Test
    void timeoutInterruptsAndIsRetried() throws Exception {
        TaskGraph g = TaskGraph.create();
        AtomicInteger calls = new AtomicInteger();
        TaskRef<String> slow = g.task("slow").timeout(Duration.ofMillis(100)).retries(1).call(() -> {
            if (calls.incrementAndGet() == 1) {
                new CountDownLatch(1).await();
            }
            return "second";
        });
        g.task("stuck").timeout(Duration.ofMillis(50)).call(() -> {
            new CountDownLatch(1).await();
            return null;
        });
        try (TaskPool pool = Pools.threads(2)) {
            RunResult r = run(g, pool);
            assertEquals("second", r.value(slow));
            assertEquals(2, r.task("slow").attempts());
            assertEquals(TaskStatus.FAILED, r.status("stuck"));
            assertInstanceOf(TaskTimeoutException.class, r.task("stuck").error());
        }
    }

    @Test
    void keepGoingSkipsDownstreamWithReasonAndFinishesIndependentBranches() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> bad = g.add("bad", () -> {
            throw new IllegalArgumentException("boom");
        });
        TaskRef<Integer> down1 = g.add("down1", bad, x -> x);
        g.add("down2", down1, x -> x);
        TaskRef<Integer> other = g.add("other", () -> 5);
        g.add("other2", other, x -> x + 1);
        try (TaskPool pool = Pools.threads(2)) {
            RunResult r = run(g, pool);
            assertEquals(TaskStatus.FAILED, r.status("bad"));
            assertEquals("boom", r.task("bad").error().getMessage());
            assertEquals(TaskStatus.SKIPPED, r.status("down1"));
            assertEquals(TaskStatus.SKIPPED, r.status("down2"));
            assertEquals("upstream task 'bad' failed", r.task("down2").skipReason());
            assertEquals(0, r.task("down2").attempts());
            assertEquals(TaskStatus.SUCCEEDED, r.status("other2"));
            assertTrue(r.toJson().contains("\"reason\": \"upstream task 'bad' failed\""));
        }
    }

    @Test
    void skipConditionOnParentsResults() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> zero = g.add("zero", () -> 0);
        TaskRef<Integer> div = g.task("div").needs(zero).skipIf(ctx -> ctx.input(zero) == 0).call(ctx -> 10 / ctx.input(zero));
        g.add("after", div, x -> x);
        g.task("runs").needs(zero).skipIf(ctx -> ctx.input(zero) != 0).call(ctx -> "ran");
        try (TaskPool pool = Pools.threads(2)) {
            RunResult r = run(g, pool);
            assertEquals(TaskStatus.SKIPPED, r.status("div"));
            assertEquals("skip condition held", r.task("div").skipReason());
            assertEquals(TaskStatus.SKIPPED, r.status("after"));
            assertEquals(TaskStatus.SUCCEEDED, r.status("runs"));
        }
    }

    static String readConfig(String name) throws IOException {
        throw new IOException("cannot read " + name);
    }

    static boolean cacheIsFresh(Object ignored) throws IOException {
        throw new IOException("cannot stat the cache");
    }

    @Test
    void checkedExceptionsFromStepsAndConditionsAreTheTasksErrorUnwrapped() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> one = g.add("one", () -> 1);
        g.add("callable", () -> readConfig("a.toml"));
        g.add("function", one, x -> readConfig("b" + x));
        g.add("biFunction", one, one, (x, y) -> readConfig("c" + (x + y)));
        g.task("condition").needs(one).skipIf(ctx -> cacheIsFresh(ctx.input(one))).call(ctx -> "ran");
        try (TaskPool pool = Pools.threads(2)) {
            RunResult r = g.run(RunOptions.builder().pool(pool).failurePolicy(FailurePolicy.KEEP_GOING).build());
            assertEquals("cannot read a.toml", assertInstanceOf(IOException.class, r.task("callable").error()).getMessage());
            assertEquals("cannot read b1", assertInstanceOf(IOException.class, r.task("function").error()).getMessage());
            assertEquals("cannot read c2", assertInstanceOf(IOException.class, r.task("biFunction").error()).getMessage());
            assertEquals(TaskStatus.FAILED, r.status("condition"));
            assertEquals("cannot stat the cache",
                    assertInstanceOf(IOException.class, r.task("condition").error()).getMessage());
        }
    }

    @Test
    void failFastCancelsEverything() throws Exception {
        TaskGraph g = TaskGraph.create();
        CountDownLatch blockerStarted = new CountDownLatch(1);
        g.add("blocker", () -> {
            blockerStarted.countDown();
            new CountDownLatch(1).await();
            return null;
        });
        TaskRef<Integer> bad = g.add("bad", () -> {
            blockerStarted.await();
            throw new IllegalStateException("fail");
        });
        g.add("after", bad, x -> x);
        try (TaskPool pool = Pools.threads(2)) {
            RunResult r = g.run(RunOptions.builder().pool(pool).failurePolicy(FailurePolicy.FAIL_FAST).build());
            assertEquals(TaskStatus.FAILED, r.status("bad"));
            assertEquals(TaskStatus.CANCELLED, r.status("blocker"));
            assertEquals(TaskStatus.CANCELLED, r.status("after"));
            assertTrue(r.cancelled());
        }
    }

    @Test
    void cancellationMidRunStopsRunningTasksAndLeavesNothingBehind() throws Exception {
        TaskGraph g = TaskGraph.create();
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            g.add("t" + i, () -> {
                started.incrementAndGet();
                new CountDownLatch(1).await();
                return null;
            });
        }
        try (TaskPool pool = Pools.threads(3)) {
            GraphRun run = g.start(RunOptions.builder().pool(pool).build());
            Await.await("3 tasks running", () -> started.get() == 3);
            run.cancel();
            RunResult r = run.await(Duration.ofSeconds(10));
            assertEquals(20, r.counts().get(TaskStatus.CANCELLED));
            assertEquals(3, r.tasks().stream().filter(t -> t.attempts() == 1).count());
            assertTrue(run.isDone());
        }
    }

    @Test
    void runningTaskAddsFanOutKnownOnlyAtRunTime() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> n = g.add("n", () -> 25);
        g.task("spawn").needs(n).call(ctx -> {
            List<TaskRef<Integer>> parts = new ArrayList<>();
            for (int i = 0; i < ctx.input(n); i++) {
                int k = i;
                parts.add(ctx.add("part" + i).needs(n).call(c -> k));
            }
            ctx.add("total").needs(parts).call(c -> parts.stream().mapToInt(c::input).sum());
            assertThrows(GraphException.class, () -> ctx.add("x").needs("nope").call(() -> 1));
            assertThrows(GraphException.class, () -> ctx.add("part0").call(() -> 1));
            return parts.size();
        });
        try (TaskPool pool = Pools.threads(2)) {
            RunResult r = run(g, pool);
            assertTrue(r.succeeded(), r::toJson);
            assertEquals(2 + 25 + 1, r.tasks().size());
            assertEquals(300, r.value(TaskRef.<Integer>of("total")));
            assertTrue(r.task("total").dynamic());
        }
    }

    @Test
    void validationErrorsAreClear() {
        TaskGraph g = TaskGraph.create();
        g.task("a").needs("c").call(() -> 1);
        g.task("b").needs("a").call(() -> 1);
        g.task("c").needs("b").call(() -> 1);
        g.task("d").needs("a").call(() -> 1);
        GraphException cycle = assertThrows(GraphException.class, g::validate);
        assertTrue(cycle.getMessage().contains("a -> c -> b -> a"), cycle.getMessage());

        TaskGraph self = TaskGraph.create();
        self.task("s").needs("s").call(() -> 1);
        assertTrue(assertThrows(GraphException.class, self::validate).getMessage().contains("s -> s"));

        TaskGraph unknown = TaskGraph.create();
        unknown.task("x").needs("ghost").call(() -> 1);
        GraphException u = assertThrows(GraphException.class, unknown::validate);
        assertEquals("task 'x': depends on unknown task 'ghost'; add it to the graph or fix the name", u.getMessage());

        TaskGraph dup = TaskGraph.create();
        dup.add("x", () -> 1);
        assertTrue(assertThrows(GraphException.class, () -> dup.add("x", () -> 2)).getMessage().contains("duplicate task name"));

        TaskGraph big = TaskGraph.create();
        big.task("huge").resource("gpu", 3).call(() -> 1);
        GraphException cap = assertThrows(GraphException.class,
                () -> big.validate(RunOptions.builder().resource("gpu", 2).build()));
        assertEquals("task 'huge': needs 3 units of resource 'gpu' but its capacity is 2; it could never start", cap.getMessage());
        assertTrue(assertThrows(GraphException.class, () -> big.validate(RunOptions.defaults())).getMessage()
                .contains("which the run does not declare"));
        assertTrue(assertThrows(GraphException.class, () -> big.start(RunOptions.defaults())).getMessage()
                .contains("resource 'gpu'"));
        assertThrows(IllegalArgumentException.class, () -> TaskGraph.create().task(" "));
    }

    @Test
    void planOrdersByPriorityAndReportsCriticalPath() {
        TaskGraph g = TaskGraph.create();
        g.add("short", () -> 1);
        TaskRef<Integer> l1 = g.add("long1", () -> 1);
        TaskRef<Integer> l2 = g.add("long2", l1, x -> x);
        g.add("long3", l2, x -> x);
        g.task("urgent").priority(5).call(() -> 1);
        Plan p = g.plan();
        assertEquals(List.of("urgent", "long1", "long2", "short", "long3"), p.order()); // long2 (critical path 2) before short (1)
        assertEquals(List.of("long1", "long2", "long3"), p.criticalPath());
    }

    @Test
    void eventsAndJsonDescribeTheRun() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<String> a = g.add("a", () -> "q\"uote");
        g.add("b", a, x -> x.length());
        List<GraphEvent> events = new CopyOnWriteArrayList<>();
        try (TaskPool pool = Pools.threads(1)) {
            RunResult r = g.run(RunOptions.builder().pool(pool).listener(events::add).build());
            String json = r.toJson();
            assertTrue(json.contains("\"name\": \"a\", \"status\": \"SUCCEEDED\", \"attempts\": 1"), json);
            assertTrue(json.contains("\"value\": \"q\\\"uote\""), json);
            assertTrue(json.contains("\"worker\": \"default#0\""), json);
            assertEquals("default#0", r.task("b").worker());
            assertNull(r.task("b").error());
        }
        assertInstanceOf(GraphEvent.RunStarted.class, events.getFirst());
        assertEquals(2, events.stream().filter(e -> e instanceof GraphEvent.TaskStarted).count());
        assertEquals(2, events.stream().filter(e -> e instanceof GraphEvent.TaskFinished).count());
    }

    @Test
    void defaultPoolIsCreatedAndClosedByTheRun() throws Exception {
        TaskGraph g = TaskGraph.create();
        TaskRef<Integer> a = g.add("a", () -> 1);
        assertEquals(1, g.run().value(a));
    }

    @Test
    void emptyGraphRuns() throws Exception {
        try (TaskPool pool = Pools.direct()) {
            assertTrue(run(TaskGraph.create(), pool).tasks().isEmpty());
        }
    }
}
