package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * A shared array of {@code double}s with atomic element operations across threads and processes. Each
 * element is stored as its raw long bits: {@link #compareAndSet} compares bits (as
 * {@link SharedDouble#compareAndSet} does) and {@link #addAndGet} is a compare-and-set loop. See
 * {@link SharedArray} for the concurrency contract and lifecycle; create one with
 * {@link SharedArray#ofDoubles(int)}.
 */
public final class SharedDoubleArray implements SharedArray {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int ELEMENT = 8;
    private static final VarHandle V = ValueLayout.JAVA_LONG.varHandle();

    private final transient SharedSegment segment;
    private final transient MemorySegment memory;
    private final transient SharedLock lock;
    private final transient int length;

    SharedDoubleArray(SharedSegment segment, int length) {
        this.segment = segment;
        this.memory = segment.memory(this);
        this.lock = new SharedLock(segment, false);
        this.length = length;
    }

    static SharedDoubleArray create(int length) {
        return new SharedDoubleArray(SharedSegment.create(bytes(length)), length);
    }

    static long bytes(long length) {
        return SharedLayout.arrayBytes("SharedDoubleArray", length, ELEMENT);
    }

    private long at(int index) {
        segment.memory(this);
        return SharedLayout.offset(index, length, ELEMENT, this);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    @Override
    public int length() {
        return length;
    }

    /** Element {@code index} (volatile read). */
    public double get(int index) {
        return Double.longBitsToDouble((long) V.getVolatile(memory, at(index)));
    }

    /** Sets element {@code index} (volatile write). */
    public void set(int index, double value) {
        V.setVolatile(memory, at(index), bits(value));
    }

    /** Sets element {@code index} and returns its old value. */
    public double getAndSet(int index, double value) {
        return Double.longBitsToDouble((long) V.getAndSet(memory, at(index), bits(value)));
    }

    /** Adds {@code delta} to element {@code index} and returns its old value. */
    public double getAndAdd(int index, double delta) {
        long at = at(index);
        long prev = (long) V.getVolatile(memory, at);
        while (!V.weakCompareAndSet(memory, at, prev, bits(Double.longBitsToDouble(prev) + delta))) {
            prev = (long) V.getVolatile(memory, at);
        }
        return Double.longBitsToDouble(prev);
    }

    /** Adds {@code delta} to element {@code index} and returns its new value. */
    public double addAndGet(int index, double delta) {
        return getAndAdd(index, delta) + delta;
    }

    /** Sets element {@code index} to {@code update} if its bits equal {@code expected}'s; true if it did. */
    public boolean compareAndSet(int index, double expected, double update) {
        return V.compareAndSet(memory, at(index), bits(expected), bits(update));
    }

    /** A copy of the elements, each read atomically (the array as a whole is not a snapshot). */
    public double[] toArray() {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    @Override
    public SharedLock lock() {
        segment.memory(this);
        return lock;
    }

    @Override
    public Path path() {
        return segment.path();
    }

    @Override
    public void close() {
        segment.close();
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of(SharedHandle.Kind.DOUBLE_ARRAY, segment, length);
    }

    @Override
    public String toString() {
        return "SharedDoubleArray[" + length + ", " + segment.path() + "]";
    }
}
