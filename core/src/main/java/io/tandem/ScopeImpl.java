package io.tandem;

import io.tandem.function.SerializableCallable;
import io.tandem.spi.ForwardingTaskPool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/*
 * The one Scope implementation.
 *
 * Two counts matter and they differ: a task is *done* when its result is final (cancel() makes it so at
 * once), and it has *exited* when its body has returned. join and close wait for exits, so that no body
 * outlives the scope. Tandem's own pools report exits through TaskImpl's onExit hook; for a foreign
 * TaskPool the scope falls back to completion (documented weaker guarantee).
 *
 * Failures are recorded as they happen (onComplete); the first one cancels every sibling. A deadline is
 * enforced by the owner's timed wait in join, and by close. Failure reporting is counted: join reports
 * every failure so far; close reports only those nobody reported, so a failure is never lost and never
 * reported twice.
 */
final class ScopeImpl implements Scope {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Thread owner = Thread.currentThread();
    private final TaskPool pool;
    private final CorePool ownedPool;
    /** The pool's core when it is Tandem's own (bodies are then tracked to their exit), else null. */
    private final CorePool core;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allExited = lock.newCondition();
    private final Set<Task<?>> running = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new ArrayList<>(); // guarded by lock
    private int live;                // guarded by lock: forked tasks whose body has not exited
    private int reported;            // guarded by lock: failures already thrown
    private boolean cancelling;      // guarded by lock: a failure or the deadline cancelled the rest
    private boolean closed;          // guarded by lock
    private long deadlineNanos;      // guarded by lock; 0 = none
    private Duration timeout;        // for messages
    private volatile Progress progress;

    private ScopeImpl(TaskPool pool) {
        this.name = "scope-" + SEQUENCE.incrementAndGet();
        if (pool == null) {
            PoolConfig config = PoolConfig.of("scope", name, null, null);
            this.ownedPool = new CorePool(config, new VirtualBackend(config, 0));
            this.pool = ownedPool;
        } else {
            this.ownedPool = null;
            this.pool = pool;
        }
        TaskPool p = this.pool;
        while (p instanceof ForwardingTaskPool f) {
            p = f.delegate();
        }
        this.core = p instanceof CorePool c ? c : null;
    }

    public static Scope open(TaskPool pool) {
        return new ScopeImpl(pool);
    }

    @Override
    public Scope withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        setDeadline(System.nanoTime() + saturatedNanos(timeout), timeout);
        return this;
    }

    @Override
    public Scope withDeadline(Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        Duration d = Duration.between(Instant.now(), deadline);
        setDeadline(System.nanoTime() + saturatedNanos(d.isNegative() ? Duration.ZERO : d), d);
        return this;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    private void setDeadline(long nanos, Duration asGiven) {
        lock.lock();
        try {
            if (deadlineNanos == 0 || nanos - deadlineNanos < 0) {
                deadlineNanos = nanos == 0 ? 1 : nanos;
                timeout = asGiven;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Scope withProgress(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    @Override
    public <T> Task<T> fork(SerializableCallable<T> task) {
        return forkTask(null, task);
    }

    @Override
    public <T> Task<T> fork(String name, SerializableCallable<T> task) {
        Objects.requireNonNull(name, "name");
        return forkTask(name, task);
    }

    @Override
    public <T> Task<T> fork(Callable<T> task) {
        return forkTask(null, task);
    }

    private <T> Task<T> forkTask(String taskName, Callable<T> callable) {
        Objects.requireNonNull(callable, "task");
        boolean cancelNow;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(name + " is closed: fork before close(), inside the try block");
            }
            live++;
            cancelNow = cancelling;
        } finally {
            lock.unlock();
        }
        Progress p = progress;
        if (p != null) {
            p.addTotal(1);
        }
        Task<T> task;
        try {
            if (core != null) {
                task = core.submitTask(taskName, callable, this::exited);
            } else {
                task = taskName != null ? pool.submit(taskName, asSerializable(callable)) : pool.submit(callable);
            }
        } catch (RuntimeException | Error e) {
            exited();
            throw e;
        }
        running.add(task);
        boolean foreign = core == null;
        task.onComplete(o -> completed(task, o, foreign));
        if (cancelNow) {
            task.cancel(true);
        }
        return task;
    }

    @SuppressWarnings("unchecked")
    private static <T> SerializableCallable<T> asSerializable(Callable<T> c) {
        return c instanceof SerializableCallable<?> s ? (SerializableCallable<T>) s : c::call;
    }

    private void completed(Task<?> task, Outcome<?> outcome, boolean foreign) {
        running.remove(task);
        Progress p = progress;
        if (p != null) {
            p.step();
        }
        if (outcome instanceof Outcome.Failure<?> f) {
            boolean first;
            lock.lock();
            try {
                failures.add(f.error());
                first = !cancelling;
                cancelling = true;
            } finally {
                lock.unlock();
            }
            if (first) {
                cancelRunning();
            }
        }
        if (foreign) {
            exited();
        }
    }

    private void exited() {
        lock.lock();
        try {
            if (--live == 0) {
                allExited.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void cancelRunning() {
        for (Task<?> t : running) {
            t.cancel(true);
        }
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException(what + " must be called by the thread that opened " + name
                    + " (" + owner.getName() + "), not " + Thread.currentThread().getName());
        }
    }

    @Override
    public void join() throws InterruptedException {
        checkOwner("join()");
        lock.lock();
        try {
            boolean allExitedInTime = awaitExits();
            throwUnreported();
            if (!allExitedInTime) {
                // a join after the deadline, with bodies still running: never a normal return
                throw new ScopeFailedException(name + " deadline passed (timeout " + timeout + "); " + live
                        + (live == 1 ? " task has" : " tasks have") + " not exited yet", failures);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (holding the lock) until every forked body exited or the deadline passed; true when all exited.
     * At the deadline the tasks still running are cancelled and the wait ends, whether they exit or not:
     * a task that ignores interruption cannot hold join past the deadline (close still waits for it).
     */
    private boolean awaitExits() throws InterruptedException {
        while (live > 0) {
            try {
                if (deadlineNanos != 0) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        if (!cancelling) {
                            timedOut();
                        }
                        return live == 0;
                    }
                    allExited.awaitNanos(left);
                } else {
                    allExited.await();
                }
            } catch (InterruptedException e) {
                // the owner gave up waiting: cancel the tasks; close() still waits for them to exit
                cancelling = true;
                lock.unlock();
                try {
                    cancelRunning();
                } finally {
                    lock.lock();
                }
                throw e;
            }
        }
        return true;
    }

    private void timedOut() {
        int n = running.size();
        failures.add(new TimeoutException(name + " deadline passed (timeout " + timeout + "); cancelled "
                + n + (n == 1 ? " task" : " tasks") + " still running" + names()));
        cancelling = true;
        lock.unlock();
        try {
            cancelRunning();
        } finally {
            lock.lock();
        }
    }

    private String names() {
        List<String> n = new ArrayList<>();
        for (Task<?> t : running) {
            if (n.size() == 5) {
                n.add("...");
                break;
            }
            n.add(t.name());
        }
        return n.isEmpty() ? "" : ": " + String.join(", ", n);
    }

    private void throwUnreported() {
        if (failures.size() > reported) {
            reported = failures.size();
            Throwable first = failures.getFirst();
            String msg = failures.size() == 1 && first instanceof TimeoutException
                    ? first.getMessage()
                    : name + " failed: " + failures.size() + (failures.size() == 1 ? " failure" : " failures")
                    + ", first: " + first;
            throw new ScopeFailedException(msg, failures);
        }
    }

    @Override
    public void close() {
        checkOwner("close()");
        boolean interrupted = false;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (live > 0 && deadlineNanos != 0 && !cancelling && deadlineNanos - System.nanoTime() <= 0) {
                timedOut();
            }
            if (live > 0) {
                cancelling = true;
                lock.unlock();
                try {
                    cancelRunning();
                } finally {
                    lock.lock();
                }
            }
            while (live > 0) {
                try {
                    allExited.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        try {
            if (ownedPool != null) {
                ownedPool.close();
            }
            lock.lock();
            try {
                throwUnreported();
            } finally {
                lock.unlock();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Scope[" + name + ", " + live + " live, " + failures.size() + " failures"
                    + (closed ? ", closed" : "") + "]";
        } finally {
            lock.unlock();
        }
    }
}
