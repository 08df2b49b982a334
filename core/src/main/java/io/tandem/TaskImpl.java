package io.tandem;

import io.tandem.spi.PoolListeners;
import io.tandem.spi.TaskHandle;
import io.tandem.spi.TaskLabel;
import io.tandem.spi.WorkerInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

/*
 * The Task of every in-process pool: a FutureTask (which gives run/cancel/interrupt and the result
 * state machine) plus what Tandem adds:
 *
 *  - a name, applied to the running thread's name only when the user chose it (generated names are
 *    built lazily, so the hot submit path allocates no strings);
 *  - blocking through ForkJoinPool.managedBlock, so a worker of a ForkJoinPool-backed pool that joins
 *    another task of the same pool lets the pool add a compensating thread instead of deadlocking;
 *  - completion callbacks, run once in the completing thread (or at once when already done);
 *  - "observed" tracking: a failure nobody read is handed to the pool when it closes;
 *  - a life cycle separate from the result state: FutureTask reports CANCELLED the moment cancel() is
 *    called, while the body may still be unwinding. Pools and scopes need "the body has exited" to
 *    guarantee that close() leaves nothing running, so `life` goes NEW -> RUNNING -> EXITED (or
 *    NEW -> EXITED for a task cancelled before it started) and the owner hears of it exactly once.
 */
final class TaskImpl<T> extends FutureTask<T> implements Task<T>, TaskHandle<T> {
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int EXITED = 2;
    private static final AtomicIntegerFieldUpdater<TaskImpl> LIFE =
            AtomicIntegerFieldUpdater.newUpdater(TaskImpl.class, "life");

    /** Hears about a task's completion and its body's exit. */
    public interface Owner {
        /** An attempt started on {@code worker} (called only while pools are observed). */
        default void taskStarted(TaskImpl<?> task, WorkerInfo worker, int attempt) {
        }

        /** The task's result state became final (succeeded, failed or cancelled). */
        void taskDone(TaskImpl<?> task);

        /** When this owner's observed tasks read the clock. */
        default TaskTiming timing() {
            return TaskTiming.SHARED;
        }

        /** The task's body has exited, or the task was cancelled before it started. Called once. */
        void taskExited(TaskImpl<?> task);

        /** A task whose body had started was cancelled (a remote body must be stopped where it runs). */
        default void taskCancelledAfterStart(TaskImpl<?> task) {
        }

        /** A callback threw, or a failure was never observed. */
        void uncaught(Task<?> task, Throwable error);

        /** Prefix for generated names. */
        String name();

        /**
         * Whether {@code thread} is one of this owner's workers, which may run a queued task of this owner
         * itself while it waits for it (see awaitDone). Answered by the pool from what it already knows
         * (the ForkJoinPool a worker belongs to, the runner threads of a limited virtual pool), so running a
         * task needs no ThreadLocal or ScopedValue binding: no allocation, no extra stack frames.
         */
        default boolean isWorkerThread(Thread thread) {
            return false;
        }
    }

    private final Owner owner;
    private final String givenName;
    private final long sequence;
    private final Runnable onExit;
    private Callable<T> callable; // for backends, before the task runs; dropped when done (as FutureTask drops its own)
    private Object attachment; // written once before the task is dispatched
    private volatile int life;
    private volatile boolean observed;
    private volatile Thread runner;
    // Written only while someone observes pools (PoolListeners), before the outcome is published; read by
    // observers when the task is done, so the outcome's publication orders them.
    private WorkerInfo worker;
    private long startNanos;
    private long endNanos;
    private Labels.PlatformThread platformThread; // the platform thread that ran it here, while observed
    private int attempt;
    /** Callbacks registered before completion; null once completed. Guarded by {@code this}. */
    private List<Consumer<? super Outcome<T>>> callbacks = new ArrayList<>(0);
    private boolean completed;

    TaskImpl(Owner owner, String name, long sequence, Callable<T> callable, Runnable onExit) {
        super(callable);
        this.callable = callable;
        this.owner = owner;
        this.givenName = name;
        this.sequence = sequence;
        this.onExit = onExit;
    }

    @Override
    public String name() {
        return givenName != null ? givenName : owner.name() + "#" + sequence;
    }

    // ---- TaskHandle: what a backend sees ----------------------------------------------------------

    @Override
    public String label() {
        if (givenName != null) {
            return givenName;
        }
        Object work = submitted();
        if (work instanceof TaskLabel l) {
            return l.taskLabel();
        }
        return work == null ? "task" : Labels.of(work.getClass());
    }

    /**
     * What {@link #label()} is computed from, for observers that cache labels by identity: the task's name,
     * or the class of its work; null if the label is the work's own ({@link TaskLabel}) or the task is done.
     */
    Object labelSource() {
        if (givenName != null) {
            return givenName;
        }
        Object work = submitted();
        return work == null || work instanceof TaskLabel ? null : work.getClass();
    }

    @Override
    public void startedOn(WorkerInfo worker, int attempt) {
        if (PoolListeners.current().length > 0) {
            started(worker, attempt);
        }
    }

    private void started(WorkerInfo w, int n) {
        startNanos = owner.timing().start(n); // 0: a tiny task left untimed (TaskTiming)
        endNanos = 0;
        worker = w;
        attempt = n;
        owner.taskStarted(this, w, n);
    }

    @Override
    public WorkerInfo worker() {
        return worker;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    /** The platform thread of this JVM that ran the task's body, as recorded while observed; else null. */
    Labels.PlatformThread platformThread() {
        return platformThread;
    }

    /** When the last attempt ended, as recorded while observed by {@link #stopClock}; 0 if it was not timed. */
    long endNanos() {
        return endNanos;
    }

    /** Ends the timing of the last attempt, if it was timed. Called once when the task is done, while observed. */
    void stopClock() {
        long s = startNanos;
        if (s != 0 && endNanos == 0) {
            endNanos = owner.timing().stop(s);
        }
    }

    void attach(Object attachment) {
        this.attachment = attachment;
    }

    @Override
    public Task<T> task() {
        return this;
    }

    @Override
    public long id() {
        return sequence;
    }

    @Override
    public Callable<T> callable() {
        return callable;
    }

    @Override
    public Object submitted() {
        return callable instanceof CorePool.RunnableCall<?> rc ? rc.task() : callable;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public boolean markStarted() {
        return LIFE.compareAndSet(this, NEW, RUNNING);
    }

    @Override
    public void markExited() {
        int l = life;
        if (l != EXITED && LIFE.compareAndSet(this, l, EXITED)) {
            exited();
        }
    }

    @Override
    public boolean markNotStarted() {
        return !isDone() && LIFE.compareAndSet(this, RUNNING, NEW);
    }

    @Override
    public boolean complete(T value) {
        if (isDone()) {
            return false;
        }
        set(value);
        return true;
    }

    @Override
    public boolean fail(Throwable error) {
        if (isDone()) {
            return false;
        }
        setException(error);
        return true;
    }

    /** Whether the body started running (false for a task cancelled while queued). */
    @Override
    public boolean started() {
        return life != NEW;
    }

    @Override
    public void run() {
        if (!LIFE.compareAndSet(this, NEW, RUNNING)) {
            return; // cancelled before it started; taskExited was already reported by done()
        }
        Thread t = Thread.currentThread();
        runner = t;
        if (PoolListeners.current().length > 0) {
            if (t.isVirtual()) {
                started(Labels.worker(t), 1);
            } else {
                Labels.PlatformThread p = Labels.platform(t);
                platformThread = p;
                started(p.worker, 1);
            }
        }
        String oldName = null;
        if (givenName != null) {
            oldName = t.getName();
            t.setName(oldName + " [" + givenName + "]");
        }
        try {
            super.run();
        } finally {
            if (oldName != null) {
                t.setName(oldName);
            }
            runner = null;
            life = EXITED;
            exited();
        }
    }

    @Override
    protected void done() {
        if (isCancelled()) {
            if (LIFE.compareAndSet(this, NEW, EXITED)) {
                exited();
            } else if (life == RUNNING) {
                owner.taskCancelledAfterStart(this);
            }
        }
        List<Consumer<? super Outcome<T>>> toRun;
        synchronized (this) {
            completed = true;
            toRun = callbacks;
            callbacks = null;
        }
        if (!toRun.isEmpty()) {
            Outcome<T> o = outcomeNow();
            for (Consumer<? super Outcome<T>> c : toRun) {
                runCallback(c, o);
            }
        }
        owner.taskDone(this); // before the callable is dropped: observers read label() from it
        callable = null;
    }

    private void exited() {
        try {
            if (onExit != null) {
                onExit.run();
            }
        } finally {
            owner.taskExited(this);
        }
    }

    /** True when a failure happened and nobody read it or registered for it. */
    public boolean failedUnobserved() {
        return !observed && state() == State.FAILED;
    }

    private void runCallback(Consumer<? super Outcome<T>> c, Outcome<T> o) {
        try {
            c.accept(o);
        } catch (Throwable e) {
            owner.uncaught(this, e);
        }
    }

    /** The outcome of a done task, without counting as observing it (for listeners). */
    Outcome<T> outcomeQuietly() {
        return outcomeNow();
    }

    private Outcome<T> outcomeNow() {
        return switch (state()) {
            case SUCCESS -> Outcome.success(resultNow());
            case FAILED -> Outcome.failure(super.exceptionNow());
            case CANCELLED -> Outcome.cancelled();
            case RUNNING -> throw new IllegalStateException("task " + name() + " is not done");
        };
    }

    @Override
    public Task<T> onComplete(Consumer<? super Outcome<T>> callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        observed = true;
        synchronized (this) {
            if (!completed) {
                callbacks.add(callback);
                return this;
            }
        }
        runCallback(callback, outcomeNow());
        return this;
    }

    /** Waits until done; counts as observing the outcome. */
    public void awaitCompletion() throws InterruptedException {
        observed = true;
        awaitDone();
    }

    /*
     * A worker of this task's pool that waits for a task of the same pool that has not started runs it
     * itself ("helping"), so nested submission cannot deadlock even on a pool with a hard concurrency
     * limit (Pools.virtual(n)), where no compensating thread may be added. The run() CAS guarantees that
     * the queued copy becomes a no-op. Threads outside the pool never help: that would run the task on a
     * thread the user did not choose.
     */
    private void awaitDone() throws InterruptedException {
        if (isDone()) {
            return;
        }
        if (life == NEW && owner.isWorkerThread(Thread.currentThread())) {
            run();
            if (isDone()) {
                return;
            }
        }
        ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
            @Override
            public boolean block() throws InterruptedException {
                try {
                    TaskImpl.super.get();
                } catch (ExecutionException | CancellationException ignored) {
                    // the state is read by the caller
                }
                return true;
            }

            @Override
            public boolean isReleasable() {
                return isDone();
            }
        });
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        observed = true;
        awaitDone();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        observed = true;
        try {
            return super.get(timeout, unit);
        } catch (TimeoutException e) {
            throw new TimeoutException("task " + name() + " still running after " + Duration.of(timeout, unit.toChronoUnit()));
        }
    }

    @Override
    public T get(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        if (timeout == null) {
            throw new NullPointerException("timeout");
        }
        return get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public T join() {
        observed = true;
        try {
            awaitDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException("interrupted while joining task " + name());
            ce.initCause(e);
            throw ce;
        }
        return switch (state()) {
            case SUCCESS -> resultNow();
            case FAILED -> throw new CompletionException("task " + name() + " failed: " + super.exceptionNow(),
                    super.exceptionNow());
            case CANCELLED -> throw new CancellationException("task " + name() + " was cancelled");
            case RUNNING -> throw new IllegalStateException("unreachable: task " + name() + " not done after waiting");
        };
    }

    @Override
    public Outcome<T> outcome() {
        observed = true;
        try {
            awaitDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException("interrupted while waiting for task " + name());
            ce.initCause(e);
            throw ce;
        }
        return outcomeNow();
    }

    @Override
    public Throwable exceptionNow() {
        observed = true;
        return super.exceptionNow();
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> cf = new CompletableFuture<>();
        onComplete(o -> {
            switch (o) {
                case Outcome.Success<T> s -> cf.complete(s.value());
                case Outcome.Failure<T> f -> cf.completeExceptionally(f.error());
                case Outcome.Cancelled<T> c -> cf.cancel(false);
            }
        });
        cf.whenComplete((v, e) -> {
            if (cf.isCancelled()) {
                cancel(true);
            }
        });
        return cf;
    }

    /*
     * Identity equality (FutureTask's), but a hash from the per-pool sequence instead of the identity
     * hash: every task goes through the pool's live set, and installing a fresh identity hash in each
     * object header is a slow VM call that showed as the top cost of submit+join. Equal tasks are the
     * same object, so this hash is consistent with equals.
     */
    @Override
    public final int hashCode() {
        return Long.hashCode(sequence);
    }

    @Override
    public final boolean equals(Object o) {
        return this == o;
    }

    @Override
    public String toString() {
        Thread r = runner;
        return "Task[" + name() + ", " + state() + (r != null ? ", on " + r.getName() : "") + "]";
    }
}
