package io.tandem;

import io.tandem.spi.WorkerInfo;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-thread counts of untimed tiny tasks: exact under a concurrent drainer, bounded, pruned. */
class UntimedCountsTest {
    private static final WorkerInfo WORKER = new WorkerInfo("w", -1, "localhost");
    private static final Object POOL = new Object();
    private static final String[] LABELS = {"a", "b", "c", "d", "e"};

    private static boolean add(UntimedCounts c, Object pool, String label) {
        return c.addToLast(pool, label, WORKER) || c.add(pool, label, WORKER)
                || c.add(new UntimedCounts.Key(pool, pool, label, label, WORKER));
    }

    @Test
    void everyCountIsDeliveredExactlyOnceWhileADrainerRunsConcurrently() throws Exception {
        long seed = Long.getLong("tandem.seed", System.nanoTime());
        Random r = new Random(seed);
        int n = 300_000;
        int[] order = new int[n];
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < n; i++) {
            order[i] = r.nextInt(10) < 7 ? (i / 1000) % LABELS.length : r.nextInt(LABELS.length); // runs, then a mix
            expected.merge(LABELS[order[i]], 1L, Long::sum);
        }
        AtomicBoolean refused = new AtomicBoolean();
        UntimedCounts[] counts = new UntimedCounts[1];
        Thread producer = new Thread(() -> {
            counts[0] = new UntimedCounts(new Labels.PlatformThread(Thread.currentThread()));
            for (int i : order) {
                if (!add(counts[0], POOL, LABELS[i])) {
                    refused.set(true);
                }
            }
        }, "producer");
        Map<String, Long> delivered = new HashMap<>();
        UntimedCounts.Sink sink = (pool, label, worker, k) -> delivered.merge(label, k, Long::sum);
        producer.start();
        while (producer.isAlive()) {
            if (counts[0] != null) {
                counts[0].drain(sink, p -> false);
            }
            Thread.onSpinWait();
        }
        producer.join();
        counts[0].drain(sink, p -> false);
        assertEquals(expected, delivered, "seed " + seed);
        assertTrue(counts[0].isEmpty());
        assertFalse(refused.get(), "five keys fit");
    }

    @Test
    void aThreadKeepsAtMostMaxKeysAndAFinishedPoolsKeysArePrunedAfterDelivery() {
        UntimedCounts c = new UntimedCounts(new Labels.PlatformThread(Thread.currentThread()));
        Object[] pools = new Object[UntimedCounts.MAX_KEYS + 1];
        for (int i = 0; i < pools.length; i++) {
            pools[i] = new Object();
        }
        for (int i = 0; i < UntimedCounts.MAX_KEYS; i++) {
            assertTrue(add(c, pools[i], "x"));
        }
        assertFalse(add(c, pools[UntimedCounts.MAX_KEYS], "x"), "a full table refuses a new key (the caller records an event)");
        assertTrue(add(c, pools[3], "x"), "an existing key still counts");
        long[] total = {0};
        long delivered = c.drain((pool, label, worker, k) -> total[0] += k, p -> p != pools[3]); // all finished but #3
        assertEquals(UntimedCounts.MAX_KEYS + 1, delivered);
        assertEquals(delivered, total[0]);
        assertTrue(add(c, pools[UntimedCounts.MAX_KEYS], "x"), "pruned keys make room");
        assertEquals(1, c.drain((pool, label, worker, k) -> { }, p -> false));
    }

    /** Lincheck: one owner adding, one drainer; what drains add up to is linearizable. */
    @Test
    void ownerAndDrainerAreLinearizable() {
        new ModelCheckingOptions()
                .iterations(10 * Integer.getInteger("tandem.stressScale", 1))
                .invocationsPerIteration(300)
                .threads(2)
                .actorsPerThread(4)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(Model.class)
                .check(Ops.class);
    }

    public static final class Ops {
        private final UntimedCounts counts = new UntimedCounts(new Labels.PlatformThread(Thread.currentThread()));

        @Operation(nonParallelGroup = "owner")
        public boolean add(@Param(gen = IntGen.class, conf = "0:2") int label) {
            return UntimedCountsTest.add(counts, POOL, LABELS[label]);
        }

        @Operation(nonParallelGroup = "drainer")
        public long drain() {
            return counts.drain((pool, l, worker, n) -> { }, p -> false);
        }
    }

    /** The contract: every count is delivered once, by the first drain after it. */
    public static final class Model {
        private long added;
        private long delivered;

        public boolean add(int label) {
            added++;
            return true;
        }

        public long drain() {
            long n = added - delivered;
            delivered = added;
            return n;
        }
    }
}
