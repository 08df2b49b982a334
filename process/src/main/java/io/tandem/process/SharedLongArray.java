package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * A shared array of {@code long}s with the atomic element operations of
 * {@link java.util.concurrent.atomic.AtomicLongArray}, across threads and processes. See
 * {@link SharedArray} for the concurrency contract and lifecycle; create one with
 * {@link SharedArray#ofLongs(int)}.
 */
public final class SharedLongArray implements SharedArray {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int ELEMENT = 8;
    private static final VarHandle V = ValueLayout.JAVA_LONG.varHandle();

    private final transient SharedSegment segment;
    private final transient MemorySegment memory;
    private final transient SharedLock lock;
    private final transient int length;

    SharedLongArray(SharedSegment segment, int length) {
        this.segment = segment;
        this.memory = segment.memory(this);
        this.lock = new SharedLock(segment, false);
        this.length = length;
    }

    static SharedLongArray create(int length) {
        return new SharedLongArray(SharedSegment.create(bytes(length)), length);
    }

    static long bytes(long length) {
        return SharedLayout.arrayBytes("SharedLongArray", length, ELEMENT);
    }

    private long at(int index) {
        segment.memory(this);
        return SharedLayout.offset(index, length, ELEMENT, this);
    }

    @Override
    public int length() {
        return length;
    }

    /** Element {@code index} (volatile read). */
    public long get(int index) {
        return (long) V.getVolatile(memory, at(index));
    }

    /** Sets element {@code index} (volatile write). */
    public void set(int index, long value) {
        V.setVolatile(memory, at(index), value);
    }

    /** Sets element {@code index} and returns its old value. */
    public long getAndSet(int index, long value) {
        return (long) V.getAndSet(memory, at(index), value);
    }

    /** Adds {@code delta} to element {@code index} and returns its old value. */
    public long getAndAdd(int index, long delta) {
        return (long) V.getAndAdd(memory, at(index), delta);
    }

    /** Adds {@code delta} to element {@code index} and returns its new value. */
    public long addAndGet(int index, long delta) {
        return (long) V.getAndAdd(memory, at(index), delta) + delta;
    }

    /** Adds one to element {@code index} and returns its new value. */
    public long incrementAndGet(int index) {
        return addAndGet(index, 1);
    }

    /** Sets element {@code index} to {@code update} if it is {@code expected}; true if it did. */
    public boolean compareAndSet(int index, long expected, long update) {
        return V.compareAndSet(memory, at(index), expected, update);
    }

    /** A copy of the elements, each read atomically (the array as a whole is not a snapshot). */
    public long[] toArray() {
        long[] out = new long[length];
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
        return SharedHandle.of(SharedHandle.Kind.LONG_ARRAY, segment, length);
    }

    @Override
    public String toString() {
        return "SharedLongArray[" + length + ", " + segment.path() + "]";
    }
}
