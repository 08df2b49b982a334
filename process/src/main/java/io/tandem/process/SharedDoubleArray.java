package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;

/**
 * A shared array of {@code double}s with atomic element operations across threads and processes. Each
 * element is stored as its raw long bits: {@link #compareAndSet} compares bits (as
 * {@link SharedDouble#compareAndSet} does) and {@link #addAndGet} is a compare-and-set loop. See
 * {@link SharedArray} for the concurrency contract and lifecycle; create one with
 * {@link SharedArray#ofDoubles(int)}.
 */
public final class SharedDoubleArray extends SharedCells implements SharedArray {
    @Serial
    private static final long serialVersionUID = 1L;

    SharedDoubleArray(SharedSegment segment, int length) {
        super(SharedKind.DOUBLE_ARRAY, segment, length);
    }

    static SharedDoubleArray create(int length) {
        return new SharedDoubleArray(SharedKind.DOUBLE_ARRAY.newSegment(length), length);
    }

    @Override
    public int length() {
        return cells();
    }

    /** Element {@code index} (volatile read). */
    public double get(int index) {
        return getDouble(index);
    }

    /** Sets element {@code index} (volatile write). */
    public void set(int index, double value) {
        setDouble(index, value);
    }

    /** Sets element {@code index} and returns its old value. */
    public double getAndSet(int index, double value) {
        return getAndSetDouble(index, value);
    }

    /** Adds {@code delta} to element {@code index} and returns its old value. */
    public double getAndAdd(int index, double delta) {
        return getAndUpdateDouble(index, x -> x + delta);
    }

    /** Adds {@code delta} to element {@code index} and returns its new value. */
    public double addAndGet(int index, double delta) {
        return updateAndGetDouble(index, x -> x + delta);
    }

    /** Sets element {@code index} to {@code update} if its bits equal {@code expected}'s; true if it did. */
    public boolean compareAndSet(int index, double expected, double update) {
        return compareAndSetDouble(index, expected, update);
    }

    /** A copy of the elements, each read atomically (the array as a whole is not a snapshot). */
    public double[] toArray() {
        double[] out = new double[cells()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }
}
