package io.tandem.process;

import io.tandem.process.internal.SharedSegment;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * A mutual-exclusion lock that works across processes: Python's {@code multiprocessing.Lock} and
 * {@code Value.get_lock()}. {@link #create()} makes a standalone one; {@link SharedLong#lock()} and the
 * other shared types' {@code lock()} return the lock that lives beside their value.
 * {@snippet :
 * try (SharedLong counter = SharedLong.create(0)) {
 *     // in each process that received the counter:
 *     try (SharedLock.Held held = counter.lock().acquire()) {
 *         counter.set(counter.get() + 1);
 *     }
 * }
 * }
 *
 * <p><b>Semantics.</b> The lock belongs to a thread of a process: only the holding thread may unlock.
 * It is <em>not reentrant</em>: {@link #lock()} by the thread that holds it throws
 * {@link IllegalStateException} instead of deadlocking. It is not fair: a waiter may be overtaken.
 * {@link #newCondition()} is not supported.
 *
 * <p><b>Memory consistency effects.</b> As for {@link java.util.concurrent.locks.ReentrantLock}, in every
 * participating process: actions before {@code unlock()} happen-before actions after a later successful
 * {@code lock()} of the same lock, for all memory in shared segments.
 *
 * <p><b>Blocking and interrupts.</b> There is no futex here: a waiter spins briefly, then parks with an
 * exponential back-off up to 1 ms, so a lock released under contention is taken up to about 1 ms
 * later. {@link #lock()} and {@link #acquire()} ignore interrupts while waiting (the interrupt status is
 * kept); {@link #lockInterruptibly()} and the timed {@code tryLock} throw {@link InterruptedException}.
 * {@link #tryLock()} never waits.
 *
 * <p><b>Dead holders.</b> The lock word stores the holder's pid and thread. A waiter that has waited a
 * few milliseconds checks whether the holder's process is still alive ({@link ProcessHandle}) and, if
 * not, takes the lock over: a process killed with SIGKILL while holding the lock does not block the
 * others forever. The data the lock protected may be half updated; check it if that matters. Limits: all
 * processes must share a pid namespace; a dead holder whose pid was already reused by a new process, or
 * that is still an unreaped zombie, counts as alive; a thread that ends without unlocking in a live
 * process keeps the lock (as with any JDK lock). {@link #tryLock()} does not take over.
 *
 * <p><b>Lifecycle.</b> A standalone lock from {@link #create()} is owned by its creator, whose
 * {@link #close()} deletes it; a copy received in another process only detaches on close. The lock of a
 * {@link SharedLong} (and the like) lives and dies with that object: its {@code close()} does nothing.
 * Operations on a closed lock throw {@link IllegalStateException}. Serializable: it travels to tasks as a
 * small handle (see {@link SharedMemory}, also for what a JVM killed with SIGKILL leaves and when a later
 * JVM removes it). Null arguments throw {@link NullPointerException}.
 */
public final class SharedLock extends SharedObject implements Lock {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final long OFFSET = 0; // the lock word: 0 when free, else the holder's pid << 32 | thread id
    private static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();
    private static final long PID = ProcessHandle.current().pid();
    private static final int SPINS = 100;
    private static final long MIN_PARK_NANOS = 2_000;
    private static final long MAX_PARK_NANOS = 1_000_000;
    private static final long LIVENESS_CHECK_NANOS = 5_000_000;

    private final transient boolean closesSegment;

    /** A lock over the first 8 bytes of {@code segment}: its own ({@code closesSegment}) or a value's. */
    SharedLock(SharedSegment segment, boolean closesSegment) {
        super(SharedKind.LOCK, segment, 1);
        this.closesSegment = closesSegment;
    }

    /** A new, unlocked lock in its own shared segment, owned by the caller. */
    public static SharedLock create() {
        return new SharedLock(SharedKind.LOCK.newSegment(1), true);
    }

    private static long me() {
        return PID << 32 | (Thread.currentThread().threadId() & 0xFFFF_FFFFL);
    }

    /**
     * Acquires the lock, waiting as long as it takes (ignoring interrupts, whose status is restored).
     *
     * @throws IllegalStateException if the current thread already holds it, or the lock is closed
     */
    @Override
    public void lock() {
        try {
            acquire(false, 0, false);
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** Acquires the lock unless the thread is interrupted first or while waiting. */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        acquire(false, 0, true);
    }

    /**
     * Takes the lock if it is free now; never waits and never takes over from a dead holder.
     *
     * @throws IllegalStateException if the current thread already holds it (not reentrant), or the lock is closed
     */
    @Override
    public boolean tryLock() {
        long me = me();
        MemorySegment m = memory();
        if (WORD.compareAndSet(m, OFFSET, 0L, me)) {
            return true;
        }
        checkNotReentrant((long) WORD.getVolatile(m, OFFSET), me);
        return false;
    }

    /**
     * Waits at most {@code timeout} for the lock, taking it over from a dead holder; false if it timed out.
     *
     * @throws InterruptedException if the thread is interrupted before or while waiting
     * @throws IllegalStateException if the current thread already holds it (not reentrant), or the lock is closed
     */
    public boolean tryLock(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return acquire(true, System.nanoTime() + unit.toNanos(Math.max(0, time)), true);
    }

    private boolean acquire(boolean timed, long deadline, boolean interruptible) throws InterruptedException {
        long me = me();
        MemorySegment m = memory();
        if (WORD.compareAndSet(m, OFFSET, 0L, me)) {
            return true;
        }
        checkNotReentrant((long) WORD.getVolatile(m, OFFSET), me);
        boolean interrupted = false;
        try {
            long park = MIN_PARK_NANOS;
            long nextLivenessCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
            for (int spins = 0; ; ) {
                long w = (long) WORD.getVolatile(m, OFFSET);
                if (w == 0) {
                    if (WORD.compareAndSet(m, OFFSET, 0L, me)) {
                        return true;
                    }
                    continue;
                }
                if (spins < SPINS) {
                    spins++;
                    Thread.onSpinWait();
                    continue;
                }
                long now = System.nanoTime();
                if (now - nextLivenessCheck >= 0) {
                    nextLivenessCheck = now + LIVENESS_CHECK_NANOS;
                    if (holderDead(w) && WORD.compareAndSet(m, OFFSET, w, me)) {
                        return true;
                    }
                }
                long wait = park;
                if (timed) {
                    long left = deadline - now;
                    if (left <= 0) {
                        return false;
                    }
                    wait = Math.min(wait, left);
                }
                LockSupport.parkNanos(this, wait);
                park = Math.min(park * 2, MAX_PARK_NANOS);
                if (Thread.interrupted()) {
                    if (interruptible) {
                        throw new InterruptedException("interrupted while waiting for " + this);
                    }
                    interrupted = true;
                }
                m = memory();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkNotReentrant(long word, long me) {
        if (word == me) {
            throw new IllegalStateException(this + " is not reentrant and the current thread already holds it");
        }
    }

    private static boolean holderDead(long word) {
        long pid = word >>> 32;
        return pid != PID && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold it
     */
    @Override
    public void unlock() {
        long me = me();
        MemorySegment m = memory();
        if (!WORD.compareAndSet(m, OFFSET, me, 0L)) {
            long w = (long) WORD.getVolatile(m, OFFSET);
            throw new IllegalMonitorStateException("cannot unlock " + this + ": the current thread (pid " + PID
                    + ", thread " + Thread.currentThread().threadId() + ") does not hold it; "
                    + (w == 0 ? "it is not locked" : "pid " + (w >>> 32) + " does"));
        }
    }

    /**
     * {@link #lock() Locks} and returns a handle whose {@code close()} unlocks, for try-with-resources.
     * Closing the handle again does nothing.
     */
    public Held acquire() {
        lock();
        return new HeldLock(this);
    }

    /** Whether some thread of some process holds the lock now (a snapshot). */
    public boolean isLocked() {
        return (long) WORD.getVolatile(memory(), OFFSET) != 0;
    }

    /** Whether the current thread holds the lock. */
    public boolean isHeldByCurrentThread() {
        return (long) WORD.getVolatile(memory(), OFFSET) == me();
    }

    /** The pid of the process holding the lock now, if it is held (a snapshot). */
    public OptionalLong holderPid() {
        long w = (long) WORD.getVolatile(memory(), OFFSET);
        return w == 0 ? OptionalLong.empty() : OptionalLong.of(w >>> 32);
    }

    /** Not supported: there are no cross-process conditions. */
    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("SharedLock has no conditions; poll shared state under the lock instead");
    }

    /**
     * Closes a standalone lock: the owner unlinks it, a copy in another process detaches. Does nothing
     * for the lock of a {@link SharedLong} or array, which closes with its object. Idempotent.
     */
    @Override
    public void close() {
        if (closesSegment) {
            super.close();
        }
    }

    /** A held lock; {@link #close()} unlocks it (once). */
    public interface Held extends AutoCloseable {
        /** Unlocks, the first time; later calls do nothing. */
        @Override
        void close();
    }

    private static final class HeldLock implements Held {
        private final SharedLock lock;
        private boolean released; // only the holding thread may release

        HeldLock(SharedLock lock) {
            this.lock = lock;
        }

        @Override
        public void close() {
            if (!released) {
                lock.unlock();
                released = true;
            }
        }
    }
}
