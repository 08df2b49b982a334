package io.tandem.graph;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A run in progress, from {@link TaskGraph#start(RunOptions)}.
 *
 * <p>Thread safety: every method may be called from any thread. {@link #cancel()} interrupts the
 * running tasks (a worker process is killed after its pool's grace period), marks the rest
 * {@link TaskStatus#CANCELLED}, and the run ends once the running tasks have returned; nothing it
 * started keeps running. Every task's completion happens-before {@link #await()} returns.
 */
public interface GraphRun {

    /** Waits for every task to reach its final state. */
    RunResult await() throws InterruptedException;

    /** Waits at most {@code timeout}. */
    RunResult await(Duration timeout) throws InterruptedException, TimeoutException;

    /** Cancels the run; idempotent; returns without waiting. */
    void cancel();

    /** Whether every task has reached its final state. */
    boolean isDone();
}
