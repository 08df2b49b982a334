package io.tandem;

import io.tandem.channel.ClosedChannelException;
import java.io.Serial;

/**
 * The unchecked root of Tandem's own exceptions. Subclasses carry the component that failed (a task
 * name, an item index, a pool's state) so the message alone says what went wrong and where.
 *
 * <p>Where a JDK exception already carries the meaning, Tandem extends that instead (for example
 * {@link ClosedChannelException} is an {@link IllegalStateException} and {@link PoolClosedException} a
 * {@link java.util.concurrent.RejectedExecutionException}).
 *
 * <p>Thread safety: instances are immutable once thrown, apart from suppressed exceptions, which the
 * JDK adds with its own synchronisation.
 */
public class TandemException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public TandemException(String message) {
        super(message);
    }

    public TandemException(String message, Throwable cause) {
        super(message, cause);
    }
}
