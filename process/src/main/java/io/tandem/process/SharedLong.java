package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * A {@code long} in shared memory that several processes update atomically: Python's
 * {@code multiprocessing.Value('q')}, with the operations of {@link java.util.concurrent.atomic.AtomicLong}.
 * {@snippet :
 * try (SharedLong counter = SharedLong.create(0)) {
 *     pool.map(i -> counter.incrementAndGet(), inputs); // each worker process attaches the same counter
 *     long total = counter.get();
 * }
 * }
 *
 * <p><b>Concurrency.</b> Every operation is atomic across threads and processes, with the memory effects
 * of the {@code AtomicLong} method of the same name ({@code get} is a volatile read, {@code set} a volatile
 * write, the read-modify-write operations are volatile reads and writes). A sequence of operations is not
 * atomic: guard it with {@link #lock()}, the lock that lives beside the value (Python's
 * {@code get_lock()}).
 *
 * <p><b>Lifecycle.</b> {@link #create} makes the owner; its {@link #close()} deletes the shared memory.
 * The object is {@link Serializable} as a small handle (through JDK serialization or Fory) that attaches
 * the same memory where it is decoded; a copy's {@code close()} only detaches. Any operation after
 * {@code close()} throws {@link IllegalStateException}. The file of an owner whose JVM is killed with SIGKILL
 * stays until a later JVM's first pool or shared object sweeps it. See {@link SharedMemory} for the details.
 */
public final class SharedLong extends SharedCells {
    @Serial
    private static final long serialVersionUID = 1L;

    SharedLong(SharedSegment segment) {
        super(SharedKind.LONG, segment, 1);
    }

    /** A new shared {@code long} holding {@code initial}, owned by the caller. */
    public static SharedLong create(long initial) {
        SharedLong v = new SharedLong(SharedKind.LONG.newSegment(1));
        v.set(initial);
        return v;
    }

    /** The current value (volatile read). */
    public long get() {
        return getLong(0);
    }

    /** Sets the value (volatile write). */
    public void set(long value) {
        setLong(0, value);
    }

    /** Sets the value and returns the old one. */
    public long getAndSet(long value) {
        return getAndSetLong(0, value);
    }

    /** Adds {@code delta} and returns the old value. */
    public long getAndAdd(long delta) {
        return getAndAddLong(0, delta);
    }

    /** Adds {@code delta} and returns the new value. */
    public long addAndGet(long delta) {
        return getAndAddLong(0, delta) + delta;
    }

    /** Adds one and returns the new value. */
    public long incrementAndGet() {
        return addAndGet(1);
    }

    /** Subtracts one and returns the new value. */
    public long decrementAndGet() {
        return addAndGet(-1);
    }

    /** Sets the value to {@code update} if it is {@code expected}; true if it did. */
    public boolean compareAndSet(long expected, long update) {
        return compareAndSetLong(0, expected, update);
    }

    /**
     * Applies {@code f} atomically (retrying on contention, so {@code f} must be side-effect free) and
     * returns the old value.
     */
    public long getAndUpdate(LongUnaryOperator f) {
        return getAndUpdateLong(0, Objects.requireNonNull(f, "f"));
    }

    /** Like {@link #getAndUpdate} but returns the new value. */
    public long updateAndGet(LongUnaryOperator f) {
        return updateAndGetLong(0, Objects.requireNonNull(f, "f"));
    }
}
