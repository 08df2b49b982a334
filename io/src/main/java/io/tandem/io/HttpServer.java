package io.tandem.io;

import io.tandem.io.internal.HelidonHttpServer;
import io.tandem.io.internal.RouteSpec;
import io.tandem.io.internal.ServerSpec;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small embeddable HTTP/1.1 server with routing: the seed's aiohttp {@code web.Application}, with one
 * virtual thread per request (Helidon SE 4.5 underneath, chosen over the JDK {@code HttpServer} by
 * {@code wrk} numbers; see the README).
 *
 * {@snippet :
 * try (HttpServer server = HttpServer.builder()
 *         .get("/", req -> Response.text("Hello, Anonymous!"))
 *         .get("/{name}", req -> Response.text("Hello, " + req.pathParam("name").orElseThrow() + "!"))
 *         .port(8080)
 *         .start()) {
 *     System.out.println("listening on " + server.uri());
 *     server.awaitClose();
 * }
 * }
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Binds to {@code 127.0.0.1} unless {@link Builder#host} says otherwise; port 0 (the default)
 *       picks a free port, readable from {@link #port()}.
 *   <li>Routes match in the order they were added; {@code {name}} binds one path segment. No match
 *       answers {@code 404} with a JSON body; a handler's exception answers {@code 500}
 *       ({@link HttpStatusException}: its own status).
 *   <li>A request body larger than {@link Builder#maxRequestBytes} is answered {@code 413}, with a
 *       {@code Content-Length} or chunked.
 *   <li>What the client gets wrong is answered {@code 4xx}, never {@code 500}: a malformed request line,
 *       header, {@code Content-Length} or chunk size, control bytes, a body cut short get {@code 400}; an
 *       oversized URI {@code 414}; an unsupported HTTP version {@code 505} and an unknown transfer coding
 *       {@code 501} (as RFC 9112 prescribes). Such answers close the
 *       connection. They are logged at {@code DEBUG} only, one line each; so is a client that hangs up
 *       mid-request (nobody is left to answer).
 *   <li>{@code 500} means a handler failed: it is logged at {@code WARNING} with its stack trace, at most
 *       10 such warnings a minute (the first one after a quiet spell says how many were left out).
 *   <li>A request with {@code Connection: close} gets its response and then the connection is closed
 *       (RFC 9112 section 9.6).
 *   <li>An idle keep-alive connection is closed after {@link Builder#idleTimeout} (checked every tenth of
 *       it, at least every second). A client that stalls in the middle of a request holds its connection
 *       (one virtual thread and a socket) until it disconnects or the server closes: Helidon 4.5 applies no
 *       read timeout to server connections, and {@link Builder#readTimeout} is handed to it for when it does.
 * </ul>
 *
 * <h2>Lifecycle and shutdown</h2>
 * {@link Builder#start()} returns a running server. {@link #close()} shuts down gracefully: requests
 * that arrive from then on get {@code 503}, requests already running finish (up to
 * {@link Builder#shutdownGrace}), then the listener stops and its threads end. {@code close} is
 * idempotent; any thread may call it, and concurrent callers all wait for the shutdown to finish.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any thread. Handlers run concurrently on virtual threads.
 */
public interface HttpServer extends AutoCloseable {

    /** A builder with the defaults: 127.0.0.1, a free port, 1 MiB request limit, 30 s timeouts. */
    static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the real one when built with port 0). */
    int port();

    /** The host the server is bound to. */
    String host();

    /** {@code http://host:port/}. */
    URI uri();

    /** Requests running now: a snapshot, for monitoring and tests. */
    int inFlight();

    /** Whether {@link #close()} has begun. */
    boolean isClosing();

    /** Blocks until the server has been closed (by another thread or a shutdown hook). */
    void awaitClose() throws InterruptedException;

    /** Graceful shutdown: reject new requests with 503, let running ones finish, stop listening. */
    @Override
    void close();

    /**
     * Configures routes and limits, then {@link #start()}s the server. Every setter checks its argument
     * at once and names what is wrong. Not thread-safe: configure on one thread. A builder may start
     * several servers; each gets a copy of the configuration.
     */
    final class Builder {
        private final List<RouteSpec> routes = new ArrayList<>();
        private String host = "127.0.0.1";
        private int port = 0;
        private long maxRequestBytes = 1L << 20;
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private int backlog = 8192;

        private Builder() {
        }

        /** Routes {@code GET pattern} (and {@code HEAD}) to {@code handler}. */
        public Builder get(String pattern, Handler handler) {
            return route("GET", pattern, handler);
        }

        /** Routes {@code POST pattern} to {@code handler}. */
        public Builder post(String pattern, Handler handler) {
            return route("POST", pattern, handler);
        }

        /** Routes {@code PUT pattern} to {@code handler}. */
        public Builder put(String pattern, Handler handler) {
            return route("PUT", pattern, handler);
        }

        /** Routes {@code DELETE pattern} to {@code handler}. */
        public Builder delete(String pattern, Handler handler) {
            return route("DELETE", pattern, handler);
        }

        /**
         * Routes requests with {@code method} whose path matches {@code pattern} to {@code handler}.
         * A pattern starts with {@code /}; {@code {name}} binds one path segment, {@code *} matches the rest.
         */
        public Builder route(String method, String pattern, Handler handler) {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(handler, "handler");
            if (!method.matches("[A-Za-z]+")) {
                throw new IllegalArgumentException("HTTP method must be letters only, got '" + method + "'");
            }
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("route pattern must start with '/', got '" + pattern + "'");
            }
            routes.add(new RouteSpec(method.toUpperCase(Locale.ROOT), pattern, handler));
            return this;
        }

        /** The address to bind (default {@code 127.0.0.1}; {@code 0.0.0.0} listens on every interface). */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        /** The port (0..65535; 0, the default, picks a free one). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The largest request body accepted; larger ones are answered {@code 413}. Default 1 MiB. */
        public Builder maxRequestBytes(long maxRequestBytes) {
            if (maxRequestBytes < 0) {
                throw new IllegalArgumentException("maxRequestBytes must not be negative, got " + maxRequestBytes);
            }
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        /**
         * How long a read from a client may block in the middle of a request, handed to Helidon's connection
         * options (Helidon 4.5 does not apply it to server connections; see "Behaviour" above). Default 30 s.
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = positive(readTimeout, "readTimeout");
            return this;
        }

        /** How long an idle keep-alive connection is kept open. Default 30 s. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        /** How long {@link HttpServer#close()} lets running requests finish. Default 10 s. */
        public Builder shutdownGrace(Duration shutdownGrace) {
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            if (shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative, got " + shutdownGrace);
            }
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        /** The listen backlog: connections the OS queues before they are accepted. Default 8192. */
        public Builder backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
            }
            this.backlog = backlog;
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @throws java.io.UncheckedIOException if the address cannot be bound (for example the port is in use)
         */
        public HttpServer start() {
            return HelidonHttpServer.start(new ServerSpec(List.copyOf(routes), host, port, maxRequestBytes,
                    readTimeout, idleTimeout, shutdownGrace, backlog));
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
