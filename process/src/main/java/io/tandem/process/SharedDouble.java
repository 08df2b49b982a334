package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;
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
public final class SharedDouble extends SharedCells {
    @Serial
    private static final long serialVersionUID = 1L;

    SharedDouble(SharedSegment segment) {
        super(SharedKind.DOUBLE, segment, 1);
    }

    /** A new shared {@code double} holding {@code initial}, owned by the caller. */
    public static SharedDouble create(double initial) {
        SharedDouble v = new SharedDouble(SharedKind.DOUBLE.newSegment(1));
        v.set(initial);
        return v;
    }

    /** The current value (volatile read). */
    public double get() {
        return getDouble(0);
    }

    /** Sets the value (volatile write). */
    public void set(double value) {
        setDouble(0, value);
    }

    /** Sets the value and returns the old one. */
    public double getAndSet(double value) {
        return getAndSetDouble(0, value);
    }

    /** Sets the value to {@code update} if its bits equal {@code expected}'s; true if it did. */
    public boolean compareAndSet(double expected, double update) {
        return compareAndSetDouble(0, expected, update);
    }

    /** Adds {@code delta} and returns the old value. */
    public double getAndAdd(double delta) {
        return getAndUpdateDouble(0, x -> x + delta);
    }

    /** Adds {@code delta} and returns the new value. */
    public double addAndGet(double delta) {
        return updateAndGetDouble(0, x -> x + delta);
    }

    /** Applies {@code f} atomically (retrying on contention; {@code f} must be side-effect free); returns the old value. */
    public double getAndUpdate(DoubleUnaryOperator f) {
        return getAndUpdateDouble(0, Objects.requireNonNull(f, "f"));
    }

    /** Like {@link #getAndUpdate} but returns the new value. */
    public double updateAndGet(DoubleUnaryOperator f) {
        return updateAndGetDouble(0, Objects.requireNonNull(f, "f"));
    }
}
