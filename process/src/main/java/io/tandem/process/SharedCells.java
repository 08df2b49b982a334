package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/*
 * The typed views: a lock word, then elements of one width, accessed atomically.
 *
 * Layout of the segment: [0, 8) the lock word of the view's SharedLock; from HEADER (8) on, `length`
 * elements of `elementBytes` each, naturally aligned, the segment rounded up to 8 bytes. Mapped files start
 * page aligned, so every element is aligned as atomic access requires. A SharedLong is a SharedLongArray of
 * length 1 and a SharedDouble one of doubles: the same cells, a different public face.
 *
 * doubles are stored as their raw long bits: compare-and-set compares bits, and arithmetic is a
 * compare-and-set loop on the bits. Every access first checks the view is open (one volatile read), then
 * the index, then runs one VarHandle operation with the memory effects of the atomic-array method of the
 * same name.
 */
abstract sealed class SharedCells extends SharedObject
        permits SharedLong, SharedDouble, SharedLongArray, SharedIntArray, SharedDoubleArray {
    static final long HEADER = 8;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final transient SharedLock lock;
    private final transient int cells;
    private final transient int width;

    SharedCells(SharedKind kind, SharedSegment segment, int cells) {
        super(kind, segment, cells);
        this.lock = new SharedLock(segment, false);
        this.cells = cells;
        this.width = kind.elementBytes;
    }

    /** The lock stored beside the values (Python's {@code get_lock()}); it closes with this object. */
    public SharedLock lock() {
        memory();
        return lock;
    }

    /** The number of elements. */
    final int cells() {
        return cells;
    }

    private long at(int index) {
        if (index < 0 || index >= cells) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for length " + cells + " in " + this);
        }
        return HEADER + (long) index * width;
    }

    // ---- long cells (also the bits of double cells) ----

    final long getLong(int i) {
        return (long) LONG.getVolatile(memory(), at(i));
    }

    final void setLong(int i, long value) {
        LONG.setVolatile(memory(), at(i), value);
    }

    final long getAndSetLong(int i, long value) {
        return (long) LONG.getAndSet(memory(), at(i), value);
    }

    final long getAndAddLong(int i, long delta) {
        return (long) LONG.getAndAdd(memory(), at(i), delta);
    }

    final boolean compareAndSetLong(int i, long expected, long update) {
        return LONG.compareAndSet(memory(), at(i), expected, update);
    }

    /** Applies {@code f} atomically (retrying on contention); returns the old value. */
    final long getAndUpdateLong(int i, LongUnaryOperator f) {
        var m = memory();
        long at = at(i);
        long prev = (long) LONG.getVolatile(m, at);
        while (!LONG.weakCompareAndSet(m, at, prev, f.applyAsLong(prev))) {
            prev = (long) LONG.getVolatile(m, at);
        }
        return prev;
    }

    /** Applies {@code f} atomically (retrying on contention); returns the new value. */
    final long updateAndGetLong(int i, LongUnaryOperator f) {
        var m = memory();
        long at = at(i);
        long prev = (long) LONG.getVolatile(m, at);
        long next;
        while (!LONG.weakCompareAndSet(m, at, prev, next = f.applyAsLong(prev))) {
            prev = (long) LONG.getVolatile(m, at);
        }
        return next;
    }

    // ---- double cells, as long bits ----

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    private static double value(long bits) {
        return Double.longBitsToDouble(bits);
    }

    final double getDouble(int i) {
        return value(getLong(i));
    }

    final void setDouble(int i, double value) {
        setLong(i, bits(value));
    }

    final double getAndSetDouble(int i, double value) {
        return value(getAndSetLong(i, bits(value)));
    }

    /** Compares raw bits: {@code NaN} matches a {@code NaN} with the same bits, {@code 0.0} not {@code -0.0}. */
    final boolean compareAndSetDouble(int i, double expected, double update) {
        return compareAndSetLong(i, bits(expected), bits(update));
    }

    final double getAndUpdateDouble(int i, DoubleUnaryOperator f) {
        return value(getAndUpdateLong(i, b -> bits(f.applyAsDouble(value(b)))));
    }

    final double updateAndGetDouble(int i, DoubleUnaryOperator f) {
        return value(updateAndGetLong(i, b -> bits(f.applyAsDouble(value(b)))));
    }

    // ---- int cells ----

    final int getInt(int i) {
        return (int) INT.getVolatile(memory(), at(i));
    }

    final void setInt(int i, int value) {
        INT.setVolatile(memory(), at(i), value);
    }

    final int getAndSetInt(int i, int value) {
        return (int) INT.getAndSet(memory(), at(i), value);
    }

    final int getAndAddInt(int i, int delta) {
        return (int) INT.getAndAdd(memory(), at(i), delta);
    }

    final boolean compareAndSetInt(int i, int expected, int update) {
        return INT.compareAndSet(memory(), at(i), expected, update);
    }
}
