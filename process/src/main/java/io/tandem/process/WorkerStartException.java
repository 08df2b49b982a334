package io.tandem.process;

import io.tandem.TandemException;

import java.io.Serial;

/**
 * Worker processes of a pool cannot start: the JVM refused its options, the class path is wrong, or the
 * pool's initializer threw (the cause). Tasks waiting for a worker fail with it instead of waiting
 * forever (Python's {@code Pool} respawns such workers in a loop and hangs).
 */
public final class WorkerStartException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    public WorkerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
