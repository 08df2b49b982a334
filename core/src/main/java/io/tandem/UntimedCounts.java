package io.tandem;

import io.tandem.spi.WorkerInfo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.Predicate;

/*
 * The tiny tasks one platform thread finished untimed (TaskTiming) while a Monitor watched, counted per
 * (pool, label, worker) instead of written to the pool's ring one event each: a ring event costs about
 * 10 ns (an atomic claim, eight stores, a seqlock), which is a tenth of a direct pool's tiny task; a count
 * costs one plain store on the thread's own cache line. Counts are exact and never dropped.
 *
 * One writer, one reader. The owning thread finds its key (the last one used, else a scan of at most
 * MAX_KEYS) and bumps its count with a release store; the monitor's drainer reads each count with an
 * acquire load and delivers what is new since its last read. Keys are added by the owner and removed by
 * the drainer (only keys of pools that terminated, whose counts can no longer change), each by a CAS of
 * the copy-on-write key array. A thread with MAX_KEYS live keys reports further ones through the ring.
 */
final class UntimedCounts {
    static final int MAX_KEYS = 32;
    private static final Key[] NONE = {};
    private static final VarHandle KEYS;
    private static final VarHandle COUNT;

    static {
        try {
            KEYS = MethodHandles.lookup().findVarHandle(UntimedCounts.class, "keys", Key[].class);
            COUNT = MethodHandles.lookup().findVarHandle(Key.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Labels.PlatformThread runner;
    @SuppressWarnings("FieldMayBeFinal") // swapped by CAS
    private volatile Key[] keys = NONE;
    private Key last; // owner only

    UntimedCounts(Labels.PlatformThread runner) {
        this.runner = runner;
    }

    /** One (pool, kind of task, worker) of this thread and its count. */
    static final class Key {
        final Object pool;      // the pool's record
        final Object poolId;    // what the recorder found it by (the pool itself)
        final Object labelId;   // what the label was computed from (a task name, or the class of the work)
        final String label;
        final WorkerInfo worker;
        @SuppressWarnings("unused") // through COUNT
        private volatile long count;
        long delivered; // drainer only

        Key(Object pool, Object poolId, Object labelId, String label, WorkerInfo worker) {
            this.pool = pool;
            this.poolId = poolId;
            this.labelId = labelId;
            this.label = label;
            this.worker = worker;
        }

        long count() {
            return (long) COUNT.getAcquire(this);
        }
    }

    /**
     * Counts one finished task if it has the key the last one had (found by identity: its pool, what its
     * label comes from, its worker). Owner thread only. False: call {@link #add(Object, Object, WorkerInfo)}
     * or {@link #add(Key)}.
     */
    boolean addToLast(Object poolId, Object labelId, WorkerInfo worker) {
        Key k = last;
        if (k == null || k.poolId != poolId || k.labelId != labelId || k.worker != worker) {
            return false;
        }
        increment(k);
        return true;
    }

    /** Counts one finished task under an existing key; false if there is none yet. Owner thread only. */
    boolean add(Object poolId, Object labelId, WorkerInfo worker) {
        for (Key k : keys) {
            if (k.poolId == poolId && k.labelId == labelId && k.worker == worker) {
                last = k;
                increment(k);
                return true;
            }
        }
        return false;
    }

    /** Counts one finished task under a new key; false if this thread keeps MAX_KEYS keys. Owner thread only. */
    boolean add(Key k) {
        for (;;) {
            Key[] current = keys;
            if (current.length >= MAX_KEYS) {
                return false;
            }
            Key[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = k;
            if (KEYS.compareAndSet(this, current, next)) { // fails only when the drainer pruned meanwhile
                last = k;
                increment(k);
                return true;
            }
        }
    }

    private static void increment(Key k) {
        COUNT.setRelease(k, (long) COUNT.get(k) + 1); // the only writer: no atomic read-modify-write
    }

    /** Receives what was counted since the last drain. */
    interface Sink {
        void counted(Object pool, String label, WorkerInfo worker, long n);
    }

    /**
     * Delivers each key's new count, then forgets keys whose pool {@code finished} says has terminated
     * (read before this drain began, so their counts are final and now delivered). Returns how many tasks
     * were delivered. Drainer only.
     */
    long drain(Sink sink, Predicate<Object> finished) {
        long n = 0;
        Key[] current = keys;
        boolean prune = false;
        for (Key k : current) {
            long c = k.count();
            if (c > k.delivered) {
                sink.counted(k.pool, k.label, k.worker, c - k.delivered);
                n += c - k.delivered;
                k.delivered = c;
            }
            prune |= finished.test(k.pool);
        }
        if (prune) {
            Key[] kept = Arrays.stream(current).filter(k -> !finished.test(k.pool)).toArray(Key[]::new);
            // lost to an owner adding a key: pruned on a later drain
            KEYS.compareAndSet(this, current, kept);
        }
        return n;
    }

    /** Whether nothing is left to deliver. Drainer only. */
    boolean isEmpty() {
        for (Key k : keys) {
            if (k.count() != k.delivered) {
                return false;
            }
        }
        return true;
    }
}
