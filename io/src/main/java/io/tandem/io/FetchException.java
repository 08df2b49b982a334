package io.tandem.io;

import io.tandem.TandemException;

import java.io.Serial;

/**
 * Why one URL of a {@link Fetch} failed, as found in {@link FetchResult#error()}: the message names the
 * URL, the attempt and the reason; the cause is the underlying exception (for example a
 * {@link java.net.ConnectException} or {@link java.net.http.HttpTimeoutException}), if any.
 *
 * <p>Thread safety: immutable once created.
 */
public class FetchException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String url;
    private final int attempts;

    public FetchException(String url, int attempts, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.attempts = attempts;
    }

    /** The URL as given. */
    public String url() {
        return url;
    }

    /** Requests sent before giving up (0 when the URL was rejected before sending). */
    public int attempts() {
        return attempts;
    }
}
