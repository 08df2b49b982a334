package io.tandem.io;

import io.tandem.TandemException;

import java.io.Serial;

/**
 * An HTTP error status as an exception. Thrown by a {@link Handler} to answer with it: the server sends
 * {@code status} with a JSON body {@code {"error": message}}; use it for client errors a handler detects
 * (400, 404, 409...). A {@link Fetch} also shows one to its {@link io.tandem.RetryPolicy} for a
 * {@code 429} or {@code 503} response, so a policy can tell statuses apart
 * ({@code retryIf(e -> !(e instanceof HttpStatusException s) || s.status() == 503)}).
 *
 * <p>Thread safety: immutable once thrown.
 */
public class HttpStatusException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int status;

    /** An error response with {@code status} (400..599) and {@code message} (sent to the client). */
    public HttpStatusException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status 400..599, got " + status);
        }
        this.status = status;
    }

    /** The HTTP status to send. */
    public int status() {
        return status;
    }
}
