package io.tandem;

import io.tandem.spi.WorkerInfo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * A bounded, lossy, multi-producer single-consumer ring of task events for one pool, written without
 * allocation (after warm-up) or locks on the recording threads.
 *
 * Stripes. The ring is split into a few stripes, each a ring of its own; a producer picks its stripe from
 * its thread id, so concurrent workers claim slots on different counters and write different cache lines
 * (one shared getAndIncrement was the largest cost of recording on busy pools: every task bounced its
 * cache line between cores). Events of one thread stay in order; the consumer drains stripe after stripe,
 * so events of different threads are not in a global order (each carries its own times).
 *
 * A stripe: a producer claims event number i with one getAndIncrement on the stripe's counter and writes
 * slot i % capacity as a seqlock: the slot's sequence word is cleared (then a store-store fence), the
 * fields are written, and the word is released as i + 1. The consumer reads event i only when the word says
 * i + 1 before and after reading the fields (with a load-load fence between): a producer that laps it
 * (event i + capacity) clears the word before touching any field, so a torn read is always detected. What
 * the consumer cannot read any more (overwritten, or more than a stripe's capacity behind) is counted as
 * dropped, never blocks a producer.
 *
 * Memory: a stripe's slots live in segments allocated by the first producer that reaches them (a lost race
 * just drops the spare), so a pool that runs ten tasks costs a few kilobytes, not the full capacity: pools
 * are created per run in benchmarks and per scope in programs, and zeroing megabytes for each was the other
 * large cost of being observed.
 */
final class EventRing {
    static final int SUCCEEDED = 1;
    static final int FAILED = 2;
    static final int CANCELLED = 3;
    static final int RETRIED = 4;

    /** Stripes per ring by default: enough for the cores that can write at once, at most 8. */
    static final int DEFAULT_STRIPES = Math.min(8, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() * 2 - 1)) << 1);

    private final Stripe[] stripes;
    private final int stripeMask;

    /** A ring of {@code capacity} events (rounded up to a power of two), split into the default stripes. */
    EventRing(int capacity) {
        this(capacity, DEFAULT_STRIPES);
    }

    /** A ring of {@code capacity} events split into {@code stripes} (a power of two; fewer if the capacity is small). */
    EventRing(int capacity, int stripes) {
        if (capacity < 2 || capacity > 1 << 24) {
            throw new IllegalArgumentException("ring capacity must be between 2 and 16777216 events, got " + capacity);
        }
        int c = Integer.highestOneBit(capacity - 1) << 1;
        int n = Math.max(1, Math.min(Integer.highestOneBit(stripes), c / 2));
        this.stripes = new Stripe[n];
        for (int i = 0; i < n; i++) {
            this.stripes[i] = new Stripe(c / n);
        }
        this.stripeMask = n - 1;
    }

    int capacity() {
        return stripes.length * stripes[0].capacity();
    }

    /** Records one event; never blocks, never allocates once the thread's stripe is warm. Any thread. */
    void add(int kind, long id, long start, long end, int attempt, String label, WorkerInfo worker, Throwable error) {
        stripes[(int) Thread.currentThread().threadId() & stripeMask].add(kind, id, start, end, attempt, label, worker, error);
    }

    /** Events recorded so far (read or not, dropped or not). Any thread. */
    long recorded() {
        long n = 0;
        for (Stripe s : stripes) {
            n += s.recorded();
        }
        return n;
    }

    /** Whether the consumer has read (or dropped) everything recorded. Consumer thread only. */
    boolean isEmpty() {
        for (Stripe s : stripes) {
            if (!s.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Events the consumer could not read before they were overwritten. Any thread. */
    long dropped() {
        long n = 0;
        for (Stripe s : stripes) {
            n += s.dropped;
        }
        return n;
    }

    /** Receives one event read from the ring. */
    interface Sink {
        void event(int kind, long id, long start, long end, int attempt, String label, WorkerInfo worker, Throwable error);
    }

    /**
     * Delivers every event recorded since the last drain that is still in the ring and complete, in order
     * per producing thread; in each stripe, stops at an event a producer is still writing. Returns how many
     * were delivered. Consumer thread only.
     */
    int drain(Sink sink) {
        int n = 0;
        for (Stripe s : stripes) {
            n += s.drain(sink);
        }
        return n;
    }

    /** One ring of the stripes: slots in lazily allocated segments. */
    private static final class Stripe {
        private static final int LONGS = 5;  // sequence, id, start, end, attempt << 8 | kind
        private static final int REFS = 3;   // label, worker, error
        private static final int MAX_SEGMENT_SHIFT = 8;
        private static final VarHandle LONG = MethodHandles.arrayElementVarHandle(long[].class);
        private static final VarHandle SEGMENT = MethodHandles.arrayElementVarHandle(Segment[].class);
        private static final VarHandle HEAD;

        static {
            try {
                HEAD = MethodHandles.lookup().findVarHandle(Stripe.class, "head", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        // padding keeps the counters of neighbouring stripes (allocated together) off one cache line
        @SuppressWarnings("unused")
        private long p1, p2, p3, p4, p5, p6, p7;
        private volatile long head;
        @SuppressWarnings("unused")
        private long q1, q2, q3, q4, q5, q6, q7;
        private final int mask;
        private final int shift;
        private final int segmentMask;
        private final Segment[] segments;
        private long tail;          // consumer only
        volatile long dropped;      // written by the consumer only

        Stripe(int capacity) {
            this.mask = capacity - 1;
            this.shift = Math.min(MAX_SEGMENT_SHIFT, Integer.numberOfTrailingZeros(capacity));
            this.segmentMask = (1 << shift) - 1;
            this.segments = new Segment[capacity >>> shift];
        }

        int capacity() {
            return mask + 1;
        }

        long recorded() {
            return head;
        }

        boolean isEmpty() {
            return tail == head;
        }

        void add(int kind, long id, long start, long end, int attempt, String label, WorkerInfo worker, Throwable error) {
            long i = (long) HEAD.getAndAdd(this, 1L);
            int s = (int) (i & mask);
            Segment seg = segment(s >>> shift);
            int k = s & segmentMask;
            long[] longs = seg.longs;
            Object[] refs = seg.refs;
            int l = k * LONGS;
            int r = k * REFS;
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

        private Segment segment(int index) {
            Segment seg = (Segment) SEGMENT.getAcquire(segments, index);
            if (seg == null) {
                Segment fresh = new Segment(1 << shift);
                Segment won = (Segment) SEGMENT.compareAndExchangeRelease(segments, index, null, fresh);
                seg = won == null ? fresh : won;
            }
            return seg;
        }

        int drain(Sink sink) {
            long h = head;
            long t = tail;
            int capacity = mask + 1;
            if (h - t > capacity) {
                dropped += h - capacity - t;
                t = h - capacity;
            }
            int n = 0;
            for (; t < h; t++) {
                int s = (int) (t & mask);
                Segment seg = (Segment) SEGMENT.getAcquire(segments, s >>> shift);
                if (seg == null) {
                    break; // its first writer is still allocating it
                }
                int k = s & segmentMask;
                long[] longs = seg.longs;
                Object[] refs = seg.refs;
                int l = k * LONGS;
                int r = k * REFS;
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

    /** A run of slots of a stripe. */
    private static final class Segment {
        final long[] longs;
        final Object[] refs;

        Segment(int slots) {
            this.longs = new long[slots * Stripe.LONGS];
            this.refs = new Object[slots * Stripe.REFS];
        }
    }
}
