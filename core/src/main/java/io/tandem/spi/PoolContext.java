package io.tandem.spi;

import io.tandem.Task;

/**
 * What core gives a {@link PoolBackend} when a pool is built on it ({@link PoolBackend#attach}): the pool's
 * name, the way to report failures nobody waits for, and the way to tell observers about the backend's
 * workers.
 *
 * <p>Concurrency: thread-safe; every method may be called from any thread, never blocks, and never throws
 * (a listener that throws is logged, not propagated).
 */
public interface PoolContext {
    /** The pool's name (given by the user or generated from the backend's kind). */
    String poolName();

    /** Reports a failure that no caller will see (a callback threw, a worker's stray error). */
    void uncaught(Task<?> task, Throwable error);

    /** A worker (thread group, process, cluster member) started and can take tasks. */
    void workerStarted(WorkerInfo worker);

    /** A worker ended; {@code reason} says how ("exit 0", "killed by signal 9", "replaced after a timeout"). */
    void workerExited(WorkerInfo worker, String reason);
}
