package io.tandem.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one URL of a {@link Fetch}: the response (status, headers, body in memory or the
 * file it was saved to), how long it took and how many attempts it needed, or the error that ended it.
 *
 * <ul>
 *   <li>{@link #error()} is non-null when no usable response came: a malformed URL, an unreachable or
 *       unknown host, a timeout, retries used up on connection errors, a body over the limit, a file
 *       that could not be written. {@link #status()} is then the last status seen, or 0.
 *   <li>An HTTP error status (404, 500, a 503 still failing after every retry) is a response, not an
 *       error: {@code error()} is null and {@link #ok()} is false.
 * </ul>
 *
 * <p>Thread safety: immutable, apart from the body array, which is not copied (do not change it).
 *
 * @param url      the URL as given
 * @param status   the HTTP status, or 0 when no response came
 * @param headers  the response headers (names lower case), empty when no response came
 * @param body     the body when fetched into memory and the status was 2xx, else {@code null}
 * @param path     the file the body was saved to, or {@code null}
 * @param bytes    the body's size in bytes (also when saved to a file)
 * @param elapsed  from the first attempt's start to the end, backoff included
 * @param attempts how many requests were sent (0 for a malformed URL)
 * @param error    why it failed, or {@code null}
 */
public record FetchResult(String url, int status, Map<String, List<String>> headers, byte[] body, Path path,
                          long bytes, Duration elapsed, int attempts, Throwable error) {

    public FetchResult {
        headers = headers == null ? Map.of() : headers;
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** No error and a 2xx status. */
    public boolean ok() {
        return error == null && status >= 200 && status < 300;
    }

    /** Whether an error ended it (no usable response). */
    public boolean failed() {
        return error != null;
    }

    /** The body as UTF-8 text, or {@code ""} when there is none in memory. */
    public String text() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of response header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    @Override
    public String toString() {
        String what = error != null ? "error=" + error : "status=" + status + ", bytes=" + bytes
                + (path != null ? ", path=" + path : "");
        return "FetchResult[" + url + ", " + what + ", attempts=" + attempts + ", " + elapsed.toMillis() + " ms]";
    }
}
