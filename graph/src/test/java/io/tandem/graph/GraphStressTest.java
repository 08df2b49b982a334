package io.tandem.graph;

import io.tandem.Pools;
import io.tandem.TaskPool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random graphs with failures, retries, resources, dynamic fan-out and cancellation at random moments,
 * checked for the scheduler's invariants. Runs in the stress layer of {@code verify}.
 */
class GraphStressTest {
    private static final int SCALE = Integer.getInteger("tandem.stressScale", 1);

    @Test
    void invariantsHoldUnderRandomGraphsFailuresAndCancellation() throws Exception {
        Random rnd = new Random(99);
        for (int round = 0; round < 30 * SCALE; round++) {
            int n = 100 + rnd.nextInt(400);
            int cap = 1 + rnd.nextInt(3);
            AtomicInteger inUse = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            AtomicLong clock = new AtomicLong();
            ConcurrentHashMap<String, long[]> ticks = new ConcurrentHashMap<>();
            List<List<Integer>> deps = new ArrayList<>();
            TaskGraph g = TaskGraph.create();
            for (int i = 0; i < n; i++) {
                List<Integer> d = new ArrayList<>();
                for (int k = i == 0 ? 0 : rnd.nextInt(3); k > 0; k--) {
                    int j = rnd.nextInt(i);
                    if (!d.contains(j)) {
                        d.add(j);
                    }
                }
                deps.add(d);
                boolean fails = rnd.nextInt(20) == 0;
                boolean flaky = rnd.nextInt(10) == 0;
                boolean spawns = rnd.nextInt(50) == 0;
                String name = "t" + i;
                TaskBuilder b = g.task(name).needs(d.stream().map(x -> "t" + x).toArray(String[]::new))
                        .priority(rnd.nextInt(5)).retries(flaky ? 1 : 0);
                if (rnd.nextBoolean()) {
                    b.resource("r", 1);
                }
                boolean usesR = rnd.nextBoolean();
                b.call(ctx -> {
                    long start = clock.incrementAndGet();
                    if (usesR) {
                        peak.accumulateAndGet(inUse.incrementAndGet(), Math::max);
                        inUse.decrementAndGet();
                    }
                    if (spawns) {
                        for (int s = 0; s < 5; s++) {
                            ctx.add(name + ".child" + s).needs(name).call(() -> 1);
                        }
                    }
                    if (fails || (flaky && ctx.attempt() == 1)) {
                        throw new IllegalStateException("planned");
                    }
                    ticks.put(name, new long[] {start, clock.incrementAndGet()});
                    return 1;
                });
            }
            boolean failFast = rnd.nextInt(4) == 0;
            boolean cancel = rnd.nextInt(4) == 0;
            try (TaskPool pool = round % 2 == 0 ? Pools.threads(1 + rnd.nextInt(4)) : Pools.virtual()) {
                GraphRun run = g.start(RunOptions.builder().pool(pool).maxInFlight(8).resource("r", cap)
                        .failurePolicy(failFast ? FailurePolicy.FAIL_FAST : FailurePolicy.KEEP_GOING).build());
                if (cancel) {
                    run.cancel();
                }
                RunResult r = run.await(java.time.Duration.ofSeconds(60));
                int statics = 0;
                for (TaskResult t : r.tasks()) {
                    assertNotNull(t.status(), t.name());
                    if (!t.dynamic()) {
                        statics++;
                    }
                }
                assertEquals(n, statics);
                for (int i = 0; i < n; i++) {
                    TaskResult t = r.task("t" + i);
                    for (int d : deps.get(i)) {
                        TaskResult dt = r.task("t" + d);
                        if (t.status() == TaskStatus.SUCCEEDED) {
                            assertEquals(TaskStatus.SUCCEEDED, dt.status());
                            assertTrue(ticks.get("t" + d)[1] < ticks.get("t" + i)[0], "order t" + d + " < t" + i);
                        }
                        if (dt.status() == TaskStatus.FAILED || dt.status() == TaskStatus.SKIPPED) {
                            assertTrue(t.status() == TaskStatus.SKIPPED || t.status() == TaskStatus.CANCELLED,
                                    "t" + i + " after failed t" + d + ": " + t.status());
                        }
                    }
                    if (!failFast && !cancel) {
                        assertTrue(t.status() != TaskStatus.CANCELLED, "nothing cancelled under keep-going");
                    }
                }
            }
        }
    }
}
