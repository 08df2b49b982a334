package io.tandem;

import java.io.Serial;
import java.util.concurrent.RejectedExecutionException;

/**
 * Thrown when work is submitted to a {@link TaskPool} after {@code shutdown()}, {@code shutdownNow()} or
 * {@code close()}. The message names the pool and its state. It is a
 * {@link RejectedExecutionException}, so code written against {@link java.util.concurrent.ExecutorService}
 * keeps working.
 */
public final class PoolClosedException extends RejectedExecutionException {
    @Serial
    private static final long serialVersionUID = 1L;

    public PoolClosedException(String message) {
        super(message);
    }
}
