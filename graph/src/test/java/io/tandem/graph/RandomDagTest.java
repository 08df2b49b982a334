package io.tandem.graph;

import io.tandem.Pools;
import io.tandem.TaskPool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random DAGs checked against a reference topological execution. */
class RandomDagTest {

    /** Edges only from lower to higher index: acyclic by construction. */
    private static List<List<Integer>> randomDag(Random rnd, int n, int maxDeps) {
        List<List<Integer>> deps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Set<Integer> d = new HashSet<>();
            int k = i == 0 ? 0 : rnd.nextInt(Math.min(i, maxDeps) + 1);
            for (int j = 0; j < k; j++) {
                d.add(rnd.nextInt(i));
            }
            deps.add(new ArrayList<>(d));
        }
        return deps;
    }

    @Test
    void everyDependencyFinishesBeforeItsDependentStartsAndResultsMatchTheReference() throws Exception {
        Random rnd = new Random(42);
        for (int round = 0; round < 20; round++) {
            int n = 50 + rnd.nextInt(300);
            List<List<Integer>> deps = randomDag(rnd, n, 4);
            AtomicLong clock = new AtomicLong();
            AtomicLongArray startTick = new AtomicLongArray(n);
            AtomicLongArray endTick = new AtomicLongArray(n);
            TaskGraph g = TaskGraph.create();
            for (int i = 0; i < n; i++) {
                int id = i;
                List<String> names = deps.get(i).stream().map(d -> "t" + d).toList();
                g.task("t" + i).needs(names.toArray(String[]::new)).priority(rnd.nextInt(3)).call(ctx -> {
                    startTick.set(id, clock.incrementAndGet());
                    long v = id;
                    for (String d : names) {
                        v += (Long) ctx.input(d);
                    }
                    endTick.set(id, clock.incrementAndGet());
                    return v % 1_000_003;
                });
            }
            // Reference: sequential execution in index order (a topological order by construction).
            long[] ref = new long[n];
            for (int i = 0; i < n; i++) {
                long v = i;
                for (int d : deps.get(i)) {
                    v += ref[d];
                }
                ref[i] = v % 1_000_003;
            }
            TaskPool pool = round % 3 == 0 ? Pools.direct() : Pools.threads(1 + round % 4);
            try (pool) {
                RunResult r = g.run(RunOptions.builder().pool(pool).build());
                assertTrue(r.succeeded());
                for (int i = 0; i < n; i++) {
                    assertEquals(ref[i], (Long) r.task("t" + i).value(), "t" + i);
                    for (int d : deps.get(i)) {
                        assertTrue(endTick.get(d) < startTick.get(i), "t" + d + " must end before t" + i + " starts");
                    }
                }
            }
        }
    }

    @Test
    void tenThousandTasksWithTenPercentFailuresAreAllAccountedFor() throws Exception {
        Random rnd = new Random(2024);
        int n = 10_000;
        List<List<Integer>> deps = randomDag(rnd, n, 2); // sparse enough that many planned failures run
        boolean[] fails = new boolean[n];
        TaskGraph g = TaskGraph.create();
        for (int i = 0; i < n; i++) {
            fails[i] = rnd.nextInt(10) == 0;
            boolean f = fails[i];
            int id = i;
            g.task("t" + i).needs(deps.get(i).stream().map(d -> "t" + d).toArray(String[]::new)).call(() -> {
                if (f) {
                    throw new IllegalStateException("planned failure " + id);
                }
                return id;
            });
        }
        // Reference: a task fails if planned; it is skipped if any dependency failed or was skipped.
        TaskStatus[] expected = new TaskStatus[n];
        for (int i = 0; i < n; i++) {
            boolean blocked = deps.get(i).stream().anyMatch(d -> expected[d] != TaskStatus.SUCCEEDED);
            expected[i] = blocked ? TaskStatus.SKIPPED : fails[i] ? TaskStatus.FAILED : TaskStatus.SUCCEEDED;
        }
        try (TaskPool pool = Pools.threads(2)) {
            RunResult r = g.run(RunOptions.builder().pool(pool).build());
            assertEquals(n, r.tasks().size());
            int[] counts = new int[TaskStatus.values().length];
            for (int i = 0; i < n; i++) {
                TaskResult t = r.task("t" + i);
                assertEquals(expected[i], t.status(), t.name());
                counts[t.status().ordinal()]++;
                switch (t.status()) {
                    case FAILED -> assertEquals("planned failure " + i, t.error().getMessage());
                    case SKIPPED -> {
                        assertNotNull(t.skipReason());
                        assertEquals(0, t.attempts());
                    }
                    case SUCCEEDED -> assertEquals(i, t.value());
                    case CANCELLED -> throw new AssertionError("nothing is cancelled under keep-going");
                }
            }
            assertEquals(n, counts[0] + counts[1] + counts[2]);
            assertTrue(counts[TaskStatus.FAILED.ordinal()] > 100, "failures ran: " + counts[TaskStatus.FAILED.ordinal()]);
            assertEquals(n, r.counts().values().stream().mapToInt(Integer::intValue).sum());
        }
    }
}
