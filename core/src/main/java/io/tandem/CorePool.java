package io.tandem;

import io.tandem.function.SerializableCallable;
import io.tandem.function.SerializableFunction;
import io.tandem.function.SerializableRunnable;
import io.tandem.spi.Capability;
import io.tandem.spi.PoolBackend;
import io.tandem.spi.PoolContext;
import io.tandem.spi.PoolListener;
import io.tandem.spi.PoolListeners;
import io.tandem.spi.WorkerInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/*
 * The one TaskPool implementation: every pool kind is this class around a PoolBackend (threads, virtual
 * threads, the caller, worker processes...). The backend says where a task runs; everything else is here.
 *
 * Life cycle. One AtomicLong holds a SHUTDOWN bit and the number of tasks whose body has not exited.
 * Submission increments it with a CAS that fails once SHUTDOWN is set, so "accepted" and "shut down"
 * never race; the last exit after shutdown (or shutdown with nothing live) counts down `terminated`.
 * A live-task set is kept only so shutdownNow can cancel what is queued and interrupt what runs.
 *
 * Failures nobody observed (a failed task nobody joined, got or registered a callback on) are kept in
 * `unobserved` and reported to the uncaught-failure handler at close; past UNOBSERVED_LIMIT they are
 * reported at once, so a long-lived pool that ignores results cannot grow without bound.
 */
final class CorePool implements TaskPool, TaskImpl.Owner {
    private static final long SHUTDOWN = 1L << 62;
    private static final int UNOBSERVED_LIMIT = 1024;

    final PoolConfig config;
    final PoolBackend backend;
    private final boolean remote;
    private final Set<Capability> capabilities;
    private final AtomicLong state = new AtomicLong();
    private final AtomicBoolean terminating = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Set<TaskImpl<?>> live = ConcurrentHashMap.newKeySet();
    private final Set<TaskImpl<?>> unobserved = ConcurrentHashMap.newKeySet();
    private volatile boolean reportedAtClose;
    // Always-on counters for observers (Monitor): bumped only on the failure and cancellation paths.
    private final LongAdder failed = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    // This pool's own listeners (its progress bar): told of its tasks like the JVM-wide ones, observed or not.
    private final PoolListener[] own;
    private static final PoolListener[] NO_LISTENERS = {};

    CorePool(PoolConfig config, PoolBackend backend) {
        this.config = config;
        this.backend = backend;
        this.capabilities = Set.copyOf(backend.capabilities());
        this.remote = capabilities.contains(Capability.OTHER_PROCESS);
        this.own = config.progress() == null ? NO_LISTENERS : new PoolListener[] {new ProgressListener(config.progress())};
        // Listeners hear of the pool before anything the backend does in attach (a worker it starts there
        // reports workerStarted at once, from its own thread).
        for (PoolListener l : PoolListeners.current()) {
            fire(() -> l.poolCreated(this, backend.kind()));
        }
        try {
            backend.attach(new Context());
        } catch (RuntimeException | Error e) {
            for (PoolListener l : PoolListeners.current()) {
                fire(() -> l.poolTerminated(this));
            }
            throw e;
        }
    }

    /** What the backend is given: the pool's name, failure reporting and worker events. */
    private final class Context implements PoolContext {
        @Override
        public String poolName() {
            return config.name();
        }

        @Override
        public void uncaught(Task<?> task, Throwable error) {
            CorePool.this.uncaught(task, error);
        }

        @Override
        public void workerStarted(WorkerInfo worker) {
            for (PoolListener l : PoolListeners.current()) {
                fire(() -> l.workerStarted(CorePool.this, worker));
            }
        }

        @Override
        public void workerExited(WorkerInfo worker, String reason) {
            for (PoolListener l : PoolListeners.current()) {
                fire(() -> l.workerExited(CorePool.this, worker, reason));
            }
        }
    }

    private void fire(Runnable event) {
        try {
            event.run();
        } catch (Throwable e) {
            PoolConfig.LOG_FAILURE.accept(null, e);
        }
    }

    @Override
    public int parallelism() {
        return backend.parallelism();
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /** Whether tasks run in another process (map then returns results by value, chunk by chunk). */
    boolean remote() {
        return remote;
    }

    int mapWindow() {
        return backend.mapWindow();
    }

    @Override
    public boolean isWorkerThread(Thread thread) {
        return backend.isWorkerThread(thread);
    }

    @Override
    public String name() {
        return config.name();
    }

    // ---- submission ------------------------------------------------------------------------------

    /** Wraps, registers and dispatches {@code callable}; the single way work enters a pool. */
    <T> TaskImpl<T> submitTask(String name, Callable<T> callable) {
        return submitTask(name, callable, null);
    }

    /**
     * Like {@link #submitTask(String, Callable)}; {@code onExit} runs once when the task's body has
     * exited or it was cancelled before starting (scopes use it to wait for bodies, not just results).
     */
    <T> TaskImpl<T> submitTask(String name, Callable<T> callable, Runnable onExit) {
        Objects.requireNonNull(callable, "task");
        if (isShutdown()) {
            enter(null); // throws the PoolClosedException before any work (such as encoding) is done
        }
        TaskImpl<T> task = new TaskImpl<>(this, name, sequence.incrementAndGet(), callable, onExit);
        task.attach(backend.prepare(task));
        enter(task);
        tellSubmitted(own, task);
        tellSubmitted(PoolListeners.current(), task);
        try {
            backend.dispatch(task);
        } catch (RuntimeException | Error e) {
            task.cancel(false); // releases the slot taken by enter()
            throw e;
        }
        return task;
    }

    private void enter(TaskImpl<?> task) {
        for (;;) {
            long s = state.get();
            if ((s & SHUTDOWN) != 0) {
                throw new PoolClosedException("pool " + name() + " is shut down; no new tasks are accepted ("
                        + describeState() + "). Submit before close(), or create a new pool.");
            }
            if (task == null) {
                return;
            }
            if (state.compareAndSet(s, s + 1)) {
                break;
            }
        }
        live.add(task);
    }

    @Override
    public <T> Task<T> submit(SerializableCallable<T> task) {
        return submitTask(null, task);
    }

    @Override
    public <T> Task<T> submit(String name, SerializableCallable<T> task) {
        Objects.requireNonNull(name, "name");
        return submitTask(name, task);
    }

    @Override
    public <T> Task<T> submit(Callable<T> task) {
        return submitTask(null, task);
    }

    @Override
    public Task<Void> submit(SerializableRunnable task) {
        Objects.requireNonNull(task, "task");
        return submitTask(null, new RunnableCall<Void>(task, null));
    }

    @Override
    public Task<?> submit(Runnable task) {
        Objects.requireNonNull(task, "task");
        return submitTask(null, new RunnableCall<>(task, null));
    }

    @Override
    public <T> Task<T> submit(Runnable task, T result) {
        Objects.requireNonNull(task, "task");
        return submitTask(null, new RunnableCall<>(task, result));
    }

    /** Fire and forget, like {@link java.util.concurrent.Executor}: a failure goes straight to the handler. */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        TaskImpl<Object> t = submitTask(null, new RunnableCall<>(command, null));
        t.onComplete(o -> {
            if (o instanceof Outcome.Failure<Object> f) {
                uncaught(t, f.error());
            }
        });
    }

    // ---- TaskImpl.Owner --------------------------------------------------------------------------

    private volatile TaskTiming timing; // made when first observed

    @Override
    public TaskTiming timing() {
        TaskTiming t = timing;
        if (t == null) {
            t = new TaskTiming(); // two threads may both make one: either is fine
            timing = t;
        }
        return t;
    }

    @Override
    public void taskStarted(TaskImpl<?> task, WorkerInfo worker, int attempt) {
        for (PoolListener l : PoolListeners.current()) {
            try { // per task while observed: no lambda, unlike fire()
                l.taskStarted(this, task, worker, attempt);
            } catch (Throwable e) {
                PoolConfig.LOG_FAILURE.accept(null, e);
            }
        }
    }

    @Override
    public void taskDone(TaskImpl<?> task) {
        Future.State st = task.state();
        if (st != Future.State.SUCCESS) {
            (st == Future.State.CANCELLED ? cancelled : failed).increment();
        }
        PoolListener[] ls = PoolListeners.current();
        if (ls.length > 0) {
            task.stopClock();
            tellDone(ls, task);
        }
        tellDone(own, task);
        if (task.failedUnobserved()) {
            if (unobserved.size() < UNOBSERVED_LIMIT && !reportedAtClose) {
                unobserved.add(task);
            } else {
                uncaught(task, task.exceptionNow());
            }
        }
    }

    private void tellSubmitted(PoolListener[] ls, TaskImpl<?> task) {
        for (PoolListener l : ls) {
            try { // per task while observed: no lambda, unlike fire()
                l.taskSubmitted(this, task);
            } catch (Throwable e) {
                PoolConfig.LOG_FAILURE.accept(null, e);
            }
        }
    }

    private void tellDone(PoolListener[] ls, TaskImpl<?> task) {
        Outcome<?> o = null;
        for (PoolListener l : ls) {
            try {
                if (l instanceof TaskRecorder r) {
                    r.taskEnded(this, task);
                } else {
                    if (o == null) {
                        o = task.outcomeQuietly();
                    }
                    l.taskDone(this, task, o);
                }
            } catch (Throwable e) {
                PoolConfig.LOG_FAILURE.accept(null, e);
            }
        }
    }

    /**
     * A listener of this package that records every task of every pool (the Monitor): it hears of a done
     * task through {@link #taskEnded} instead of {@link PoolListener#taskDone}, which spares an Outcome
     * object per task while pools are observed. Same threads and rules as taskDone.
     */
    interface TaskRecorder extends PoolListener {
        void taskEnded(CorePool pool, TaskImpl<?> task);
    }

    private volatile RecorderSlot recorderSlot; // one recorder's state for this pool (RecorderSlot)

    /** The value {@code owner} cached for this pool, or {@code null}. Any thread. */
    Object recorderValue(Object owner) {
        return RecorderSlot.valueFor(recorderSlot, owner);
    }

    /** Caches {@code value} for {@code owner}. Any thread; the last writer wins. */
    void recorderValue(Object owner, Object value) {
        recorderSlot = new RecorderSlot(owner, value);
    }

    /** Forgets what {@code owner} cached here, if it is still there. Any thread. */
    void clearRecorderValue(Object owner) {
        RecorderSlot s = recorderSlot;
        if (s != null && s.owner() == owner) {
            recorderSlot = null; // a racing new owner's slot may be lost: it is made again on its next event
        }
    }

    /** Tasks accepted so far. */
    long submittedCount() {
        return sequence.get();
    }

    /** Tasks accepted whose body has not exited. */
    long unfinishedCount() {
        return state.get() & ~SHUTDOWN;
    }

    long failedCount() {
        return failed.sum();
    }

    long cancelledCount() {
        return cancelled.sum();
    }

    String kind() {
        return backend.kind();
    }

    @Override
    public void taskExited(TaskImpl<?> task) {
        live.remove(task);
        long s = state.decrementAndGet();
        if (s == SHUTDOWN) {
            terminate();
        }
    }

    @Override
    public void taskCancelledAfterStart(TaskImpl<?> task) {
        backend.cancelled(task);
    }

    @Override
    public void uncaught(Task<?> task, Throwable error) {
        try {
            config.uncaughtFailureHandler().accept(task, error);
        } catch (Throwable e) {
            PoolConfig.LOG_FAILURE.accept(task, error);
        }
    }


    /* The backend releases what it holds, possibly asynchronously; the pool is terminated only then. */
    private void terminate() {
        if (!terminating.compareAndSet(false, true)) {
            return;
        }
        CompletionStage<Void> stopped;
        try {
            stopped = backend.terminate();
        } catch (RuntimeException | Error e) {
            PoolConfig.LOG_FAILURE.accept(null, e);
            stopped = CompletableFuture.completedFuture(null);
        }
        stopped.whenComplete((v, e) -> {
            if (e != null) {
                PoolConfig.LOG_FAILURE.accept(null, e);
            }
            for (PoolListener l : PoolListeners.current()) {
                fire(() -> l.poolTerminated(this));
            }
            terminated.countDown(); // after the listeners: close() returns once they have heard
        });
    }

    // ---- life cycle ------------------------------------------------------------------------------

    @Override
    public void shutdown() {
        long s = state.getAndUpdate(v -> v | SHUTDOWN);
        if ((s & SHUTDOWN) == 0) {
            backend.shutdown();
            if (s == 0) {
                terminate();
            }
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        List<Runnable> neverStarted = new ArrayList<>();
        for (TaskImpl<?> t : live) {
            boolean started = t.started();
            if (t.cancel(true) && !started) {
                neverStarted.add(t);
            }
        }
        backend.shutdownNow();
        return neverStarted;
    }

    @Override
    public boolean isShutdown() {
        return (state.get() & SHUTDOWN) != 0;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /**
     * Stops accepting work, waits for every task to finish, then reports failures nobody observed.
     * If interrupted while waiting, cancels what is left (shutdownNow), keeps waiting for it to exit,
     * and restores the interrupt flag.
     */
    @Override
    public void close() {
        shutdown();
        boolean interrupted = false;
        // the latch, not isTerminated(): subclasses add their own conditions to that (and would spin here)
        while (terminated.getCount() > 0) {
            try {
                terminated.await();
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    shutdownNow();
                }
            }
        }
        reportUnobserved();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void reportUnobserved() {
        reportedAtClose = true;
        for (TaskImpl<?> t : unobserved) {
            if (t.failedUnobserved()) {
                uncaught(t, new UnobservedFailure(t.name(), t.exceptionNow()));
            }
        }
        unobserved.clear();
    }

    /** Wraps a failure reported at close so the log says why it shows up there. */
    static final class UnobservedFailure extends io.tandem.TandemException {
        UnobservedFailure(String taskName, Throwable cause) {
            super("task " + taskName + " failed and nobody read its result before the pool closed: " + cause, cause);
        }
    }

    /** For error messages: "shut down, 3 tasks running". */
    String describeState() {
        long s = state.get();
        long n = s & ~SHUTDOWN;
        String b = backend.describe();
        return ((s & SHUTDOWN) != 0 ? (isTerminated() ? "terminated" : "shutting down") : "running")
                + ", " + n + (n == 1 ? " task" : " tasks") + " not finished" + (b.isEmpty() ? "" : ", " + b);
    }

    @Override
    public String toString() {
        return "TaskPool[" + name() + ", " + backend.kind() + ", parallelism " + parallelism() + ", " + describeState() + "]";
    }

    // ---- map -------------------------------------------------------------------------------------

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return map(fn, items, 0);
    }

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunkSize) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunkSize must be positive (or 0 for automatic), got " + chunkSize);
        }
        return MapSupport.map(this, fn, MapSupport.toArray(items), chunkSize);
    }

    @Override
    public <T, R> MapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return imap(fn, items, 1);
    }

    @Override
    public <T, R> MapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunkSize) {
        return MapSupport.lazy(this, fn, items, chunkSize, true, mapWindow());
    }

    @Override
    public <T, R> MapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return imapUnordered(fn, items, 1);
    }

    @Override
    public <T, R> MapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunkSize) {
        return MapSupport.lazy(this, fn, items, chunkSize, false, mapWindow());
    }

    // ---- ExecutorService bulk methods ------------------------------------------------------------

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> out = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> c : tasks) {
                out.add(submit(c));
            }
            for (Future<T> f : out) {
                ((TaskImpl<T>) f).awaitCompletion();
            }
            return out;
        } catch (InterruptedException | RuntimeException e) {
            out.forEach(f -> f.cancel(true));
            throw e;
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> out = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> c : tasks) {
                out.add(submit(c));
            }
            for (Future<T> f : out) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    f.get(left, TimeUnit.NANOSECONDS);
                } catch (ExecutionException | java.util.concurrent.CancellationException | TimeoutException ignored) {
                    // state is in the future
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            out.forEach(f -> f.cancel(true));
            throw e;
        }
        out.forEach(f -> f.cancel(true)); // no-op for finished ones
        return out;
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("unreachable", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        List<Task<T>> submitted = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> c : tasks) {
                submitted.add(submit(c));
            }
            return TaskSets.firstSuccess(submitted, unit.toNanos(timeout));
        } finally {
            submitted.forEach(t -> t.cancel(true));
        }
    }

    /**
     * A runnable run as a callable that returns {@code result}; serializable when the runnable is. A
     * {@link SerializableRunnable} runs through {@code runChecked}, so its checked exception is the task's
     * failure itself rather than wrapped.
     */
    record RunnableCall<T>(Runnable task, T result) implements SerializableCallable<T> {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        @Override
        public T call() throws Exception {
            if (task instanceof SerializableRunnable r) {
                r.runChecked();
            } else {
                task.run();
            }
            return result;
        }
    }
}
