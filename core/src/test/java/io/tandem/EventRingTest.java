package io.tandem;

import io.tandem.spi.WorkerInfo;
import io.tandem.test.TestThreads;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-pool event ring: order, bounded size, a dropped count that adds up, no torn events under concurrency. */
class EventRingTest {
    private static final WorkerInfo W = new WorkerInfo("w", -1, "localhost");

    @Test
    void deliversEventsInOrderWithEveryField() {
        EventRing ring = new EventRing(8, 1);
        RuntimeException boom = new RuntimeException("boom");
        ring.add(EventRing.SUCCEEDED, 1, 10, 20, 1, "a", W, null);
        ring.add(EventRing.FAILED, 2, 30, 40, 2, "b", null, boom);
        List<String> seen = new ArrayList<>();
        assertEquals(2, ring.drain((k, id, s, e, att, label, w, err) ->
                seen.add(k + "/" + id + "/" + s + "/" + e + "/" + att + "/" + label + "/" + (w == null ? "-" : w.id()) + "/" + (err == null ? "-" : err.getMessage()))));
        assertEquals(List.of("1/1/10/20/1/a/w/-", "2/2/30/40/2/b/-/boom"), seen);
        assertEquals(0, ring.drain((k, id, s, e, att, label, w, err) -> seen.add("again")));
        assertTrue(ring.isEmpty());
        assertEquals(0, ring.dropped());
    }

    @Test
    void capacityIsRoundedUpAndChecked() {
        assertEquals(8, new EventRing(5).capacity());
        assertEquals(8, new EventRing(5, 4).capacity());
        assertEquals(2, new EventRing(2, 8).capacity()); // a small ring has fewer stripes, never empty ones
        assertEquals(1024, new EventRing(1024).capacity());
        assertThrows(IllegalArgumentException.class, () -> new EventRing(1));
        assertThrows(IllegalArgumentException.class, () -> new EventRing((1 << 24) + 1));
    }

    @Test
    void aReaderThatFallsBehindGetsTheNewestAndCountsTheRestAsDropped() {
        EventRing ring = new EventRing(16, 1);
        for (int i = 1; i <= 100; i++) {
            ring.add(EventRing.SUCCEEDED, i, i, i, 1, "t", W, null);
        }
        List<Long> ids = new ArrayList<>();
        ring.drain((k, id, s, e, att, label, w, err) -> ids.add(id));
        assertEquals(16, ids.size());
        assertEquals(85L, ids.getFirst());
        assertEquals(100L, ids.getLast());
        assertEquals(84, ring.dropped());
        assertEquals(100, ring.recorded());
    }

    @Test
    void eachThreadWritesItsOwnStripeAndItsEventsStayInOrder() throws Exception {
        EventRing ring = new EventRing(1024, 4);
        int threads = 4;
        int each = 100;
        TestThreads.run(threads, t -> {
            for (int i = 0; i < each; i++) {
                ring.add(EventRing.SUCCEEDED, (long) t * 1000 + i, i, i, 1, "t", W, null);
            }
        });
        List<Long> ids = new ArrayList<>();
        assertEquals(threads * each, ring.drain((k, id, s, e, att, label, w, err) -> ids.add(id)));
        for (int t = 0; t < threads; t++) {
            long base = (long) t * 1000;
            List<Long> mine = ids.stream().filter(id -> id >= base && id < base + 1000).toList();
            assertEquals(each, mine.size());
            for (int i = 1; i < mine.size(); i++) {
                assertTrue(mine.get(i) > mine.get(i - 1), "a thread's events stay in order: " + mine);
            }
        }
        assertEquals(threads * each, ring.recorded());
        assertEquals(0, ring.dropped());
        assertTrue(ring.isEmpty());
    }

    @Test
    void concurrentWritersNeverProduceATornEventAndEveryEventIsReadOrCounted() {
        EventRing ring = new EventRing(256);
        int writers = 4;
        int each = 200_000;
        AtomicBoolean writing = new AtomicBoolean(true);
        long[] read = new long[1];
        Thread reader = Thread.ofPlatform().name("ring-reader").start(() -> {
            EventRing.Sink check = (k, id, s, e, att, label, w, err) -> {
                // every field of one event derives from its id: a torn read would mix two events
                if (s != id * 3 || e != id * 5 || att != (int) (id % 7) + 1 || !label.equals(Long.toString(id % 10))) {
                    throw new AssertionError("torn event " + id + ": " + s + " " + e + " " + att + " " + label);
                }
                read[0]++;
            };
            while (writing.get()) {
                ring.drain(check);
            }
            ring.drain(check);
        });
        String[] labels = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
        try {
            TestThreads.run(writers, t -> {
                for (int i = 0; i < each; i++) {
                    long id = (long) t * each + i;
                    ring.add(EventRing.SUCCEEDED, id, id * 3, id * 5, (int) (id % 7) + 1, labels[(int) (id % 10)], W, null);
                }
            });
        } finally {
            writing.set(false);
        }
        join(reader);
        assertEquals((long) writers * each, read[0] + ring.dropped(), "every event was read or counted as dropped");
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
