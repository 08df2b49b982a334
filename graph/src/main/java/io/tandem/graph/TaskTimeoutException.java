package io.tandem.graph;

import io.tandem.TandemException;

import java.time.Duration;

/**
 * A task attempt ran past its timeout and was interrupted (a worker process is killed after the pool's
 * grace period). Retried like any failure when the task's {@link io.tandem.RetryPolicy} allows it.
 *
 * <p>Thread safety: immutable once thrown.
 */
public class TaskTimeoutException extends TandemException {
    public TaskTimeoutException(String task, int attempt, Duration timeout) {
        super("task '" + task + "' attempt " + attempt + " timed out after " + timeout.toMillis() + " ms");
    }
}
