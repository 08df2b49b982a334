package io.tandem.limit;

import io.tandem.TandemException;
import io.tandem.limit.KeyedLimiter;
import io.tandem.limit.Limiter;
import java.io.Serial;

/**
 * Thrown by {@link Limiter#acquire(java.time.Duration)} and
 * {@link KeyedLimiter#acquire(Object, java.time.Duration)} when no permit became free in time. The
 * message carries the limiter's state at that moment, for example
 * {@code "no permit within 2s: 0 of 4 free, 7 waiting"}, so a log line alone tells whether the limit is
 * too low or a holder forgot to close its permit.
 *
 * <p>Thread safety: immutable once thrown.
 */
public final class LimiterTimeoutException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    public LimiterTimeoutException(String message) {
        super(message);
    }
}
