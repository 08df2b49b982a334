package io.tandem.io;

import io.tandem.Outcome;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one URL of a {@link Fetch}: core's {@link Outcome} of the request, with what HTTP adds
 * to it (the URL, the status and headers, the file a body was saved to, its size, how long it took and
 * how many attempts it needed).
 *
 * <ul>
 *   <li>{@link Outcome.Success} when a response was read: its value is the body when it was fetched into
 *       memory and the status was 2xx, else {@code null} (a saved body is in {@link #path()}). An HTTP
 *       error status (404, 500, a 503 still failing after every retry) is a response, not an error:
 *       {@link #error()} is null and {@link #ok()} is false.
 *   <li>{@link Outcome.Failure} when no usable response came: a malformed URL, an unreachable or unknown
 *       host, a timeout, retries used up on connection errors, a body over the limit, a file that could
 *       not be written, an interrupt. Its error is a {@link FetchException}; {@link #status()} is then the
 *       last status seen, or 0.
 *   <li>{@link Outcome.Cancelled} is never produced: an interrupted request is a failure that says so.
 * </ul>
 *
 * <p>Thread safety: immutable, apart from the body array, which is not copied (do not change it).
 *
 * @param url      the URL as given
 * @param status   the HTTP status, or 0 when no response came
 * @param headers  the response headers (names lower case), empty when no response came
 * @param path     the file the body was saved to, or {@code null}
 * @param bytes    the body's size in bytes (also when saved to a file)
 * @param elapsed  from the first attempt's start to the end, backoff included
 * @param attempts how many requests were sent (0 for a malformed URL)
 * @param outcome  the body (see above), or the error that ended it
 */
public record FetchResult(String url, int status, Map<String, List<String>> headers, Path path, long bytes,
                          Duration elapsed, int attempts, Outcome<byte[]> outcome) {

    public FetchResult {
        headers = headers == null ? Map.of() : headers;
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** No error and a 2xx status. */
    public boolean ok() {
        return outcome.isSuccess() && status >= 200 && status < 300;
    }

    /** Whether an error ended it (no usable response). */
    public boolean failed() {
        return !outcome.isSuccess();
    }

    /** The body when it was fetched into memory and the status was 2xx, else {@code null}. */
    public byte[] body() {
        return outcome instanceof Outcome.Success<byte[]> s ? s.value() : null;
    }

    /** Why it failed (a {@link FetchException}), or {@code null} when a response was read. */
    public Throwable error() {
        return outcome instanceof Outcome.Failure<byte[]> f ? f.error() : null;
    }

    /** The body as UTF-8 text, or {@code ""} when there is none in memory. */
    public String text() {
        byte[] body = body();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of response header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    @Override
    public String toString() {
        Throwable error = error();
        String what = error != null ? "error=" + error : "status=" + status + ", bytes=" + bytes
                + (path != null ? ", path=" + path : "");
        return "FetchResult[" + url + ", " + what + ", attempts=" + attempts + ", " + elapsed.toMillis() + " ms]";
    }
}
