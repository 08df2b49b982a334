package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
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
 * {@code close()} throws {@link IllegalStateException}. See {@link SharedMemory} for the details.
 */
public final class SharedLong implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final long BYTES = 16; // [0] lock word, [8] value
    private static final long VALUE = 8;
    private static final VarHandle V = ValueLayout.JAVA_LONG.varHandle();

    private final transient SharedSegment segment;
    private final transient MemorySegment memory;
    private final transient SharedLock lock;

    SharedLong(SharedSegment segment) {
        this.segment = segment;
        this.memory = segment.memory(this);
        this.lock = new SharedLock(segment, false);
    }

    /** A new shared {@code long} holding {@code initial}, owned by the caller. */
    public static SharedLong create(long initial) {
        SharedLong v = new SharedLong(SharedSegment.create(BYTES));
        v.set(initial);
        return v;
    }

    private MemorySegment mem() {
        segment.memory(this);
        return memory;
    }

    /** The current value (volatile read). */
    public long get() {
        return (long) V.getVolatile(mem(), VALUE);
    }

    /** Sets the value (volatile write). */
    public void set(long value) {
        V.setVolatile(mem(), VALUE, value);
    }

    /** Sets the value and returns the old one. */
    public long getAndSet(long value) {
        return (long) V.getAndSet(mem(), VALUE, value);
    }

    /** Adds {@code delta} and returns the old value. */
    public long getAndAdd(long delta) {
        return (long) V.getAndAdd(mem(), VALUE, delta);
    }

    /** Adds {@code delta} and returns the new value. */
    public long addAndGet(long delta) {
        return (long) V.getAndAdd(mem(), VALUE, delta) + delta;
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
        return V.compareAndSet(mem(), VALUE, expected, update);
    }

    /**
     * Applies {@code f} atomically (retrying on contention, so {@code f} must be side-effect free) and
     * returns the old value.
     */
    public long getAndUpdate(LongUnaryOperator f) {
        Objects.requireNonNull(f, "f");
        MemorySegment m = mem();
        long prev = (long) V.getVolatile(m, VALUE);
        while (!V.weakCompareAndSet(m, VALUE, prev, f.applyAsLong(prev))) {
            prev = (long) V.getVolatile(m, VALUE);
        }
        return prev;
    }

    /** Like {@link #getAndUpdate} but returns the new value. */
    public long updateAndGet(LongUnaryOperator f) {
        Objects.requireNonNull(f, "f");
        MemorySegment m = mem();
        long prev = (long) V.getVolatile(m, VALUE);
        long next;
        while (!V.weakCompareAndSet(m, VALUE, prev, next = f.applyAsLong(prev))) {
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
        return SharedHandle.of(SharedHandle.Kind.LONG, segment, 1);
    }

    /** {@code SharedLong[path]}; does not read the value. */
    @Override
    public String toString() {
        return "SharedLong[" + segment.path() + "]";
    }
}
