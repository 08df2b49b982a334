package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * A {@code double} in shared memory that several processes update atomically: Python's
 * {@code multiprocessing.Value('d')}. The value is stored as its raw long bits; {@link #compareAndSet}
 * compares those bits (so {@code NaN} matches a {@code NaN} with the same bits, and {@code 0.0} does not
 * match {@code -0.0}), and {@link #addAndGet} is a compare-and-set loop.
 *
 * <p><b>Concurrency.</b> Every operation is atomic across threads and processes, with the memory effects
 * of the {@link java.util.concurrent.atomic.AtomicLong} method of the same name. Guard sequences of
 * operations with {@link #lock()}.
 *
 * <p><b>Lifecycle.</b> As {@link SharedLong}: the creator's {@link #close()} deletes the memory, a copy
 * decoded in another process detaches, operations after {@code close()} throw
 * {@link IllegalStateException}.
 */
public final class SharedDouble implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final long BYTES = 16; // [0] lock word, [8] value bits
    private static final long VALUE = 8;
    private static final VarHandle V = ValueLayout.JAVA_LONG.varHandle();

    private final transient SharedSegment segment;
    private final transient MemorySegment memory;
    private final transient SharedLock lock;

    SharedDouble(SharedSegment segment) {
        this.segment = segment;
        this.memory = segment.memory(this);
        this.lock = new SharedLock(segment, false);
    }

    /** A new shared {@code double} holding {@code initial}, owned by the caller. */
    public static SharedDouble create(double initial) {
        SharedDouble v = new SharedDouble(SharedSegment.create(BYTES));
        v.set(initial);
        return v;
    }

    private MemorySegment mem() {
        segment.memory(this);
        return memory;
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    private static double value(long bits) {
        return Double.longBitsToDouble(bits);
    }

    /** The current value (volatile read). */
    public double get() {
        return value((long) V.getVolatile(mem(), VALUE));
    }

    /** Sets the value (volatile write). */
    public void set(double value) {
        V.setVolatile(mem(), VALUE, bits(value));
    }

    /** Sets the value and returns the old one. */
    public double getAndSet(double value) {
        return value((long) V.getAndSet(mem(), VALUE, bits(value)));
    }

    /** Sets the value to {@code update} if its bits equal {@code expected}'s; true if it did. */
    public boolean compareAndSet(double expected, double update) {
        return V.compareAndSet(mem(), VALUE, bits(expected), bits(update));
    }

    /** Adds {@code delta} and returns the old value. */
    public double getAndAdd(double delta) {
        return getAndUpdate(x -> x + delta);
    }

    /** Adds {@code delta} and returns the new value. */
    public double addAndGet(double delta) {
        return updateAndGet(x -> x + delta);
    }

    /** Applies {@code f} atomically (retrying on contention; {@code f} must be side-effect free); returns the old value. */
    public double getAndUpdate(DoubleUnaryOperator f) {
        Objects.requireNonNull(f, "f");
        MemorySegment m = mem();
        long prev = (long) V.getVolatile(m, VALUE);
        while (!V.weakCompareAndSet(m, VALUE, prev, bits(f.applyAsDouble(value(prev))))) {
            prev = (long) V.getVolatile(m, VALUE);
        }
        return value(prev);
    }

    /** Like {@link #getAndUpdate} but returns the new value. */
    public double updateAndGet(DoubleUnaryOperator f) {
        Objects.requireNonNull(f, "f");
        MemorySegment m = mem();
        long prev = (long) V.getVolatile(m, VALUE);
        double next;
        while (!V.weakCompareAndSet(m, VALUE, prev, bits(next = f.applyAsDouble(value(prev))))) {
            prev = (long) V.getVolatile(m, VALUE);
        }
        return next;
    }

    /** The lock stored beside this value (Python's {@code get_lock()}); it closes with this object. */
    public SharedLock lock() {
        mem();
        return lock;
    }

    /** The file behind this value. */
    public Path path() {
        return segment.path();
    }

    /** The owner deletes the shared memory; a copy detaches. Idempotent. */
    @Override
    public void close() {
        segment.close();
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of(SharedHandle.Kind.DOUBLE, segment, 1);
    }

    /** {@code SharedDouble[path]}; does not read the value. */
    @Override
    public String toString() {
        return "SharedDouble[" + segment.path() + "]";
    }
}
