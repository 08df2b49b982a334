package io.tandem;

import io.tandem.spi.WorkerInfo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/*
 * A bounded, lossy, multi-producer single-consumer ring of task events for one pool, written without
 * allocation or locks on the recording threads.
 *
 * A producer claims event number i with one getAndIncrement and writes slot i % capacity as a seqlock:
 * the slot's sequence word is cleared (then a store-store fence), the fields are written, and the word is
 * released as i + 1. The consumer reads event i only when the word says i + 1 before and after reading the
 * fields (with a load-load fence between): a producer that laps it (event i + capacity) clears the word
 * before touching any field, so a torn read is always detected. What the consumer cannot read any more
 * (overwritten, or more than `capacity` behind) is counted as dropped, never blocks a producer.
 *
 * Layout: the long fields of a slot fill one 64-byte line (sequence, id, start, end, meta), so concurrent
 * producers rarely share a line; the references of a slot (label, worker, error) sit in a parallel array.
 */
final class EventRing {
    static final int SUCCEEDED = 1;
    static final int FAILED = 2;
    static final int CANCELLED = 3;
    static final int RETRIED = 4;

    private static final int LONGS = 8;
    private static final int REFS = 4;
    private static final VarHandle LONG = MethodHandles.arrayElementVarHandle(long[].class);

    private final int mask;
    private final long[] longs;
    private final Object[] refs;
    private final AtomicLong head = new AtomicLong();
    private long tail;          // consumer only
    private volatile long dropped;

    /** A ring of {@code capacity} events, rounded up to a power of two. */
    EventRing(int capacity) {
        if (capacity < 2 || capacity > 1 << 24) {
            throw new IllegalArgumentException("ring capacity must be between 2 and 16777216 events, got " + capacity);
        }
        int c = Integer.highestOneBit(capacity - 1) << 1;
        this.mask = c - 1;
        this.longs = new long[c * LONGS];
        this.refs = new Object[c * REFS];
    }

    int capacity() {
        return mask + 1;
    }

    /** Records one event; never blocks, never allocates. Any thread. */
    void add(int kind, long id, long start, long end, int attempt, String label, WorkerInfo worker, Throwable error) {
        long i = head.getAndIncrement();
        int s = (int) (i & mask);
        int l = s * LONGS;
        int r = s * REFS;
        LONG.setOpaque(longs, l, 0L);
        VarHandle.storeStoreFence();
        longs[l + 1] = id;
        longs[l + 2] = start;
        longs[l + 3] = end;
        longs[l + 4] = ((long) attempt << 8) | kind;
        refs[r] = label;
        refs[r + 1] = worker;
        refs[r + 2] = error;
        LONG.setRelease(longs, l, i + 1);
    }

    /** Events recorded so far (read or not, dropped or not). Any thread. */
    long recorded() {
        return head.get();
    }

    /** Whether the consumer has read (or dropped) everything recorded. Consumer thread only. */
    boolean isEmpty() {
        return tail == head.get();
    }

    /** Events the consumer could not read before they were overwritten. Any thread. */
    long dropped() {
        return dropped;
    }

    /** Receives one event read from the ring. */
    interface Sink {
        void event(int kind, long id, long start, long end, int attempt, String label, WorkerInfo worker, Throwable error);
    }

    /**
     * Delivers, in order, every event recorded since the last drain that is still in the ring and complete;
     * stops at an event a producer is still writing. Returns how many were delivered. Consumer thread only.
     */
    int drain(Sink sink) {
        long h = head.get();
        long t = tail;
        if (h - t > capacity()) {
            dropped += h - capacity() - t;
            t = h - capacity();
        }
        int n = 0;
        for (; t < h; t++) {
            int s = (int) (t & mask);
            int l = s * LONGS;
            int r = s * REFS;
            long v = (long) LONG.getAcquire(longs, l);
            if (v == 0 || v < t + 1) {
                break; // still being written (or cleared by a producer that lapped us: caught next time)
            }
            if (v != t + 1) {
                dropped++;
                continue; // overwritten by a later lap
            }
            long id = longs[l + 1];
            long start = longs[l + 2];
            long end = longs[l + 3];
            long meta = longs[l + 4];
            String label = (String) refs[r];
            WorkerInfo worker = (WorkerInfo) refs[r + 1];
            Throwable error = (Throwable) refs[r + 2];
            VarHandle.loadLoadFence();
            if ((long) LONG.getOpaque(longs, l) != t + 1) {
                dropped++;
                continue;
            }
            sink.event((int) (meta & 0xFF), id, start, end, (int) (meta >>> 8), label, worker, error);
            n++;
        }
        tail = t;
        return n;
    }
}
