package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;

/**
 * A shared array of {@code long}s with the atomic element operations of
 * {@link java.util.concurrent.atomic.AtomicLongArray}, across threads and processes. See
 * {@link SharedArray} for the concurrency contract and lifecycle; create one with
 * {@link SharedArray#ofLongs(int)}.
 */
public final class SharedLongArray extends SharedCells implements SharedArray {
    @Serial
    private static final long serialVersionUID = 1L;

    SharedLongArray(SharedSegment segment, int length) {
        super(SharedKind.LONG_ARRAY, segment, length);
    }

    static SharedLongArray create(int length) {
        return new SharedLongArray(SharedKind.LONG_ARRAY.newSegment(length), length);
    }

    @Override
    public int length() {
        return cells();
    }

    /** Element {@code index} (volatile read). */
    public long get(int index) {
        return getLong(index);
    }

    /** Sets element {@code index} (volatile write). */
    public void set(int index, long value) {
        setLong(index, value);
    }

    /** Sets element {@code index} and returns its old value. */
    public long getAndSet(int index, long value) {
        return getAndSetLong(index, value);
    }

    /** Adds {@code delta} to element {@code index} and returns its old value. */
    public long getAndAdd(int index, long delta) {
        return getAndAddLong(index, delta);
    }

    /** Adds {@code delta} to element {@code index} and returns its new value. */
    public long addAndGet(int index, long delta) {
        return getAndAddLong(index, delta) + delta;
    }

    /** Adds one to element {@code index} and returns its new value. */
    public long incrementAndGet(int index) {
        return addAndGet(index, 1);
    }

    /** Sets element {@code index} to {@code update} if it is {@code expected}; true if it did. */
    public boolean compareAndSet(int index, long expected, long update) {
        return compareAndSetLong(index, expected, update);
    }

    /** A copy of the elements, each read atomically (the array as a whole is not a snapshot). */
    public long[] toArray() {
        long[] out = new long[cells()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getLong(i);
        }
        return out;
    }
}
