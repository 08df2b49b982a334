package io.tandem;

import io.tandem.test.TestThreads;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Races the pool's lock-free parts: the submit/shutdown state word (every accepted task runs to
 * completion, every rejected one throws, termination follows the last exit) and the limited virtual
 * pool's runner hand-off (no task stranded in the queue, the limit never exceeded).
 */
class TaskPoolStressTest {
    private static final int SCALE = Integer.getInteger("tandem.stressScale", 1);

    private static final List<Supplier<TaskPool>> KINDS = List.of(
            () -> Pools.threads(2), Pools::virtual, () -> Pools.virtual(1), () -> Pools.virtual(3), Pools::direct);

    @Test
    void submitRacingShutdownLosesNothing() throws Exception {
        for (int round = 0; round < 30 * SCALE; round++) {
            for (Supplier<TaskPool> kind : KINDS) {
                TaskPool pool = kind.get();
                LongAdder accepted = new LongAdder();
                LongAdder rejected = new LongAdder();
                LongAdder ran = new LongAdder();
                ConcurrentLinkedQueue<Task<Integer>> tasks = new ConcurrentLinkedQueue<>();
                TestThreads.run(3, i -> {
                    if (i == 2) {
                        Thread.yield();
                        pool.shutdown();
                        return;
                    }
                    for (int k = 0; k < 300; k++) {
                        try {
                            tasks.add(pool.submit(() -> {
                                ran.increment();
                                return 1;
                            }));
                            accepted.increment();
                        } catch (PoolClosedException e) {
                            rejected.increment();
                        }
                    }
                });
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "terminated: " + pool);
                pool.close();
                assertEquals(accepted.sum(), ran.sum(), "every accepted task ran on " + pool);
                assertEquals(600, accepted.sum() + rejected.sum());
                for (Task<Integer> t : tasks) {
                    assertEquals(1, t.join());
                }
            }
        }
    }

    @Test
    void limitedVirtualPoolNeverStrandsATaskNorExceedsItsLimit() {
        for (int limit : new int[] {1, 2, 5}) {
            AtomicInteger now = new AtomicInteger();
            AtomicInteger max = new AtomicInteger();
            LongAdder ran = new LongAdder();
            try (TaskPool pool = Pools.virtual(limit)) {
                ConcurrentLinkedQueue<Task<Object>> tasks = new ConcurrentLinkedQueue<>();
                TestThreads.run(4, i -> {
                    for (int k = 0; k < 5_000 * SCALE; k++) {
                        tasks.add(pool.submit(() -> {
                            max.accumulateAndGet(now.incrementAndGet(), Math::max);
                            ran.increment();
                            now.decrementAndGet();
                            return null;
                        }));
                    }
                });
                Tasks.gather(List.copyOf(tasks));
            }
            assertEquals(20_000L * SCALE, ran.sum());
            assertTrue(max.get() <= limit, "limit " + limit + " exceeded: " + max.get());
        }
    }

    @Test
    void concurrentMapsOnOneSharedPool() {
        try (TaskPool pool = Pools.threads(2)) {
            TestThreads.run(4, i -> {
                for (int round = 0; round < 50 * SCALE; round++) {
                    List<Integer> in = java.util.stream.IntStream.range(0, 1_000).boxed().toList();
                    List<Integer> out = pool.map(x -> x + i, in, 1 + round % 17);
                    for (int k = 0; k < in.size(); k++) {
                        assertEquals(k + i, out.get(k));
                    }
                }
            });
        }
    }
}
