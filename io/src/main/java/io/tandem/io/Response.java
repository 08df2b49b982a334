package io.tandem.io;

import io.tandem.io.internal.JsonWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Handler} returns: a status, headers and a body held in memory.
 *
 * {@snippet :
 * Response.text("Hello, world!");
 * Response.json(Map.of("id", 42, "state", "done")).withStatus(201);
 * Response.status(204);
 * }
 *
 * <p>Thread safety: immutable; the {@code with*} methods return new responses. The body array is not
 * copied: do not change it after passing it in.
 */
public final class Response {
    private static final byte[] EMPTY = new byte[0];
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final BodyWriter writer;

    /**
     * Writes a response body straight to the connection, for bodies too large to hold in memory. Called
     * once, on the request's virtual thread; the stream is closed by the server afterwards.
     */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private Response(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    private Response(int status, Map<String, String> headers, byte[] body, BodyWriter writer) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.writer = writer;
    }

    /**
     * {@code 200} whose body {@code writer} streams to the client (chunked), never held in memory:
     * large downloads, generated files.
     */
    public static Response stream(String contentType, BodyWriter writer) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(writer, "writer");
        return new Response(200, Map.of("Content-Type", contentType), EMPTY, writer);
    }

    /** {@code 200} with a {@code text/plain; charset=UTF-8} body. */
    public static Response text(String text) {
        Objects.requireNonNull(text, "text");
        return new Response(200, Map.of("Content-Type", "text/plain; charset=UTF-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code 200} with {@code value} encoded as JSON: maps, iterables, arrays, strings, numbers,
     * booleans, enums (by name), records (by component) and {@code null}, nested freely.
     *
     * @throws IllegalArgumentException naming the path to a value that cannot be encoded
     */
    public static Response json(Object value) {
        return rawJson(JsonWriter.write(value));
    }

    /** {@code 200} with {@code json}, already encoded, as an {@code application/json} body. */
    public static Response rawJson(String json) {
        Objects.requireNonNull(json, "json");
        return new Response(200, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code 200} with {@code body} and the given content type. */
    public static Response bytes(byte[] body, String contentType) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        return new Response(200, Map.of("Content-Type", contentType), body);
    }

    /** An empty response with {@code status}. */
    public static Response status(int status) {
        return new Response(status, Map.of(), EMPTY);
    }

    /** The same response with another status. */
    public Response withStatus(int status) {
        return new Response(status, headers, body, writer);
    }

    /** The same response with header {@code name} set to {@code value} (replacing an earlier value). */
    public Response withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, Map.copyOf(copy), body, writer);
    }

    public int status() {
        return status;
    }

    /** The headers set on this response (the server adds {@code Content-Length}, {@code Date}...). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body; not a copy. Empty for a {@linkplain #stream streamed} response. */
    public byte[] body() {
        return body;
    }

    /** The writer of a {@linkplain #stream streamed} body, or {@code null}. */
    public BodyWriter writer() {
        return writer;
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + headers + ", " + (writer != null ? "streamed" : body.length + " bytes") + "]";
    }
}
