package io.tandem.spi;

import io.tandem.Outcome;
import io.tandem.TaskPool;

/**
 * Observes every pool of this JVM, whatever its backend: the hook for dashboards, traces and metrics.
 * Register with {@link PoolListeners#register}. Every method has an empty default, so a listener overrides
 * only what it needs.
 *
 * <p>Concurrency: methods are called from the threads that cause the event (a submitter, a worker, a
 * backend's reader thread), concurrently and without locks held; they must be thread-safe, fast and must
 * not block. An exception thrown by a listener is logged and otherwise ignored.
 */
public interface PoolListener {
    /**
     * A pool is being built: called before its backend is attached, so before any other event of that pool.
     * If attaching fails, {@link #poolTerminated} follows and the builder throws.
     */
    default void poolCreated(TaskPool pool, String kind) {
    }

    /** A task was accepted. */
    default void taskSubmitted(TaskPool pool, TaskHandle<?> task) {
    }

    /**
     * A task's body began an attempt on {@code worker}: for tasks run in this JVM, when a thread picks it up
     * ({@code attempt} 1, the worker names the thread); for tasks run elsewhere, when the backend hands the
     * attempt to a worker (a process backend may call this while it holds its own lock, so a listener must
     * never call back into the pool). An attempt above 1 means the task is being retried.
     */
    default void taskStarted(TaskPool pool, TaskHandle<?> task, WorkerInfo worker, int attempt) {
    }

    /** A task's result became final. */
    default void taskDone(TaskPool pool, TaskHandle<?> task, Outcome<?> outcome) {
    }

    /** A backend's worker started. */
    default void workerStarted(TaskPool pool, WorkerInfo worker) {
    }

    /** A backend's worker ended. */
    default void workerExited(TaskPool pool, WorkerInfo worker, String reason) {
    }

    /** A pool terminated: every task has exited and its backend released what it held. */
    default void poolTerminated(TaskPool pool) {
    }
}
