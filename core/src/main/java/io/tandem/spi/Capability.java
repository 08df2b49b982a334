package io.tandem.spi;

/**
 * What a pool can do, asked of any {@link io.tandem.TaskPool} through {@link io.tandem.TaskPool#capabilities()}
 * instead of testing its class: a task graph, a bench or a dashboard decides from these how to use a pool it
 * did not create.
 *
 * <p>Concurrency: an enum; its constants are immutable.
 */
public enum Capability {
    /**
     * Tasks run in another process (a worker JVM, a cluster member): what they capture must be
     * serializable, their results travel back encoded, and a crash there fails only the task.
     */
    OTHER_PROCESS,
    /** Tasks run on virtual threads: blocking is cheap, so many tasks may wait at once. */
    VIRTUAL_THREADS,
    /** Tasks run in the submitting thread, before {@code submit} returns. */
    CALLER_RUNS,
    /**
     * The pool holds resources outside the heap (processes, sockets, files, shared memory) that only
     * {@code close()} releases: a pool that must be closed, never just dropped.
     */
    HOLDS_RESOURCES,
    /** {@code cancel(true)} interrupts (or, in another process, stops) a running task. */
    INTERRUPTS
}
