package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;

/**
 * A shared array of {@code int}s with the atomic element operations of
 * {@link java.util.concurrent.atomic.AtomicIntegerArray}, across threads and processes. See
 * {@link SharedArray} for the concurrency contract and lifecycle; create one with
 * {@link SharedArray#ofInts(int)}.
 */
public final class SharedIntArray extends SharedCells implements SharedArray {
    @Serial
    private static final long serialVersionUID = 1L;

    SharedIntArray(SharedSegment segment, int length) {
        super(SharedKind.INT_ARRAY, segment, length);
    }

    static SharedIntArray create(int length) {
        return new SharedIntArray(SharedKind.INT_ARRAY.newSegment(length), length);
    }

    @Override
    public int length() {
        return cells();
    }

    /** Element {@code index} (volatile read). */
    public int get(int index) {
        return getInt(index);
    }

    /** Sets element {@code index} (volatile write). */
    public void set(int index, int value) {
        setInt(index, value);
    }

    /** Sets element {@code index} and returns its old value. */
    public int getAndSet(int index, int value) {
        return getAndSetInt(index, value);
    }

    /** Adds {@code delta} to element {@code index} and returns its old value. */
    public int getAndAdd(int index, int delta) {
        return getAndAddInt(index, delta);
    }

    /** Adds {@code delta} to element {@code index} and returns its new value. */
    public int addAndGet(int index, int delta) {
        return getAndAddInt(index, delta) + delta;
    }

    /** Adds one to element {@code index} and returns its new value. */
    public int incrementAndGet(int index) {
        return addAndGet(index, 1);
    }

    /** Sets element {@code index} to {@code update} if it is {@code expected}; true if it did. */
    public boolean compareAndSet(int index, int expected, int update) {
        return compareAndSetInt(index, expected, update);
    }

    /** A copy of the elements, each read atomically (the array as a whole is not a snapshot). */
    public int[] toArray() {
        int[] out = new int[cells()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getInt(i);
        }
        return out;
    }
}
