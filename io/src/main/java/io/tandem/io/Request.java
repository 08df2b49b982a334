package io.tandem.io;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as a {@link Handler} sees it: method, path, path parameters bound by the route
 * pattern ({@code /{name}}), query parameters, headers and the body.
 *
 * <p>Concurrency: a request belongs to the virtual thread that handles it; do not hand it to other
 * threads. The body can be read once, and is bounded by the server's request size limit (a larger
 * body is answered with {@code 413} before or while it is read).
 */
public interface Request {

    /** The method, upper case ({@code GET}, {@code POST}, ...). */
    String method();

    /** The decoded path, for example {@code /world}. */
    String path();

    /** The value bound to {@code {name}} in the route pattern, or empty if the pattern has no such parameter. */
    Optional<String> pathParam(String name);

    /** Every parameter bound by the route pattern. */
    Map<String, String> pathParams();

    /** The first value of query parameter {@code name} (decoded), if present. */
    Optional<String> query(String name);

    /** The first value of header {@code name} (case-insensitive), if present. */
    Optional<String> header(String name);

    /** The whole body; empty for a request without one. Reads it on first call. */
    byte[] body();

    /** The body decoded as UTF-8. */
    default String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }
}
