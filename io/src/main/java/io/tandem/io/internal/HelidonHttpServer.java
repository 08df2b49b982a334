package io.tandem.io.internal;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tandem.io.Handler;
import io.tandem.io.HttpServer;
import io.tandem.io.HttpStatusException;
import io.tandem.io.Response;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/*
 * Graceful shutdown is done here rather than left to Helidon's stop(): every request passes through
 * dispatch(), which counts it in `inFlight`. close() first sets `closing` (new requests get 503 and
 * "Connection: close"), then waits until the count drains to zero or the grace period ends, and only
 * then stops the listener. dispatch() re-checks `closing` after incrementing, so a request is either
 * counted before close() starts waiting or answered 503: none slips through unobserved.
 *
 * Client faults are 4xx, never 500, and never server warnings. Helidon 4.5 answers most malformed requests
 * with 400 itself, but reports two client faults met in its connection loop as an internal error (500 and a
 * WARNING with a stack trace): a control character in the method token (leading NUL bytes) and EOF inside
 * the headers (a client hanging up mid-request). Every exception our handlers throw is caught in invoke(),
 * so what reaches Helidon's connection loop as an internal error is input it could not parse or a client
 * that went away: the INTERNAL_ERROR direct handler answers those 400 with a debug line. Faults met while a
 * handler reads the body (chunked body over the limit, a chunk size that is not hex, a hang-up mid-body)
 * arrive as ClientFault from HelidonRequest and are answered with their 4xx here.
 *
 * Closing: Helidon keeps reading the next request after a response, even one that carries "Connection:
 * close". So when the client asked for close (RFC 9112 section 9.6), the server is shutting down, or the
 * request's body was left unread or unreadable, dispatch() throws CloseConnectionException after the
 * response is written; Helidon lets it bubble up and closes the socket, so nothing left of a broken body is
 * ever parsed as a next request.
 */

/** {@link HttpServer} on Helidon SE's web server (a virtual thread per request). */
public final class HelidonHttpServer implements HttpServer {
    private static final System.Logger LOG = System.getLogger(HttpServer.class.getName());
    // Helidon logs its feature banner at INFO through JUL; keep a strong reference so the level sticks.
    private static final Logger HELIDON_LOG = Logger.getLogger("io.helidon");

    static {
        if (HELIDON_LOG.getLevel() == null && System.getProperty("java.util.logging.config.file") == null) {
            HELIDON_LOG.setLevel(Level.WARNING);
        }
    }

    /** Server faults (a handler failing) are warnings with stack traces, at most 10 a minute per server. */
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, 10, Duration.ofMinutes(1), System::nanoTime);

    private final ServerSpec spec;
    private final WebServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private int port = -1;

    private HelidonHttpServer(ServerSpec spec) {
        this.spec = spec;
        HttpRouting.Builder routing = HttpRouting.builder();
        for (RouteSpec r : spec.routes()) {
            Handler h = r.handler();
            routing.route(Method.create(r.method()), r.pattern(), (req, res) -> dispatch(h, req, res));
        }
        routing.any((req, res) -> dispatch(NOT_FOUND, req, res));
        // Helidon checks idle connections every 2 minutes unless told otherwise: check about 10 times per idleTimeout
        Duration idleCheck = spec.idleTimeout().dividedBy(10);
        if (idleCheck.compareTo(Duration.ofSeconds(1)) < 0) {
            idleCheck = Duration.ofSeconds(1);
        }
        this.server = WebServer.builder()
                .host(spec.host())
                .port(spec.port())
                .backlog(spec.backlog())
                .maxPayloadSize(spec.maxRequestBytes())
                .idleConnectionTimeout(spec.idleTimeout())
                .idleConnectionPeriod(idleCheck)
                .directHandlers(DirectHandlers.builder()
                        .addHandler(DirectHandler.EventType.INTERNAL_ERROR, HelidonHttpServer::unparsable)
                        .build())
                .connectionOptions(o -> o.readTimeout(spec.readTimeout()))
                // in-flight requests are drained in close() before stop(); what Helidon waits for after
                // that is idle keep-alive connections, which need no grace
                .shutdownGracePeriod(spec.shutdownGrace().compareTo(Duration.ofMillis(200)) < 0
                        ? spec.shutdownGrace() : Duration.ofMillis(200))
                .shutdownHook(false)
                .routing(routing)
                .build();
    }

    private static final Handler NOT_FOUND = req -> error(404, "no route for " + req.method() + " " + req.path());

    /** Builds, binds and starts a server for {@code spec}. */
    public static HttpServer start(ServerSpec spec) {
        HelidonHttpServer s = new HelidonHttpServer(spec);
        try {
            s.server.start();
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new BindException("cannot start an HTTP server on " + spec.host() + ":"
                    + spec.port() + ": " + e.getMessage()));
        }
        // Helidon logs a listener that failed to bind and returns; turn that into an exception here
        if (!s.server.isRunning() || s.server.port() < 0) {
            s.server.stop();
            throw new UncheckedIOException(new BindException("cannot bind an HTTP server to " + spec.host() + ":"
                    + spec.port() + " (address in use or not available); pick another port or 0 for any free one"));
        }
        s.port = s.server.port();
        return s;
    }

    private void dispatch(Handler handler, ServerRequest req, ServerResponse res) {
        if (closing) {
            reject(res);
            throw new CloseConnectionException("server is shutting down");
        }
        inFlight.incrementAndGet();
        boolean close;
        try {
            if (closing) {
                reject(res);
                throw new CloseConnectionException("server is shutting down");
            }
            HelidonRequest request = new HelidonRequest(req, spec.maxRequestBytes());
            Response r;
            close = req.headers().containsToken(HeaderValues.CONNECTION_CLOSE);
            try {
                r = invoke(handler, req, request);
            } catch (ClientFault fault) {
                if (fault.clientGone()) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "client " + req.remotePeer().address() + ": "
                            + fault.getMessage() + "; closing the connection");
                    throw new CloseConnectionException(fault.getMessage(), fault);
                }
                LOG.log(System.Logger.Level.DEBUG, () -> "answering " + fault.status() + " to "
                        + req.remotePeer().address() + ": " + fault.getMessage());
                r = error(fault.status(), fault.getMessage());
                close = true;
            }
            if (close) {
                res.header(HeaderValues.CONNECTION_CLOSE);
            }
            write(res, r);
        } finally {
            if (inFlight.decrementAndGet() == 0 && closing) {
                lock.lock();
                try {
                    drained.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
        if (close) {
            // Helidon would go on reading a next request from this connection: close it now the answer is out
            throw new CloseConnectionException("client asked for Connection: close, or its request body was unusable");
        }
    }

    /** Runs the handler; a {@link ClientFault} (also one the handler wrapped) is thrown for dispatch to answer. */
    private Response invoke(Handler handler, ServerRequest req, HelidonRequest request) {
        try {
            Response r = handler.handle(request);
            if (r == null) {
                warnings.warn("handler for " + req.prologue().method().text() + " " + req.path().path()
                        + " returned null; answering 500", null);
                return error(500, "Internal Server Error");
            }
            return r;
        } catch (HttpStatusException e) {
            return error(e.status(), e.getMessage());
        } catch (HttpException e) {
            throw e; // Helidon's own (413 payload too large, 400 bad request): it answers them itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "request interrupted");
        } catch (Exception e) {
            ClientFault fault = ClientFault.in(e);
            if (fault != null) {
                throw fault;
            }
            warnings.warn("handler for " + req.prologue().method().text() + " " + req.path().path()
                    + " failed; answering 500", e);
            return error(500, "Internal Server Error");
        }
    }

    /**
     * Helidon's answer to an internal error of its connection loop, which (see the top of this file) is input
     * it could not parse or a client that hung up mid-request: 400, the connection closed, a debug line.
     */
    private static DirectHandler.TransportResponse unparsable(DirectHandler.TransportRequest request,
                                                              DirectHandler.EventType type, Status status,
                                                              io.helidon.http.ServerResponseHeaders headers,
                                                              String message) {
        LOG.log(System.Logger.Level.DEBUG, () -> "answering 400 to a request that could not be parsed or was cut short"
                + (request.method().isEmpty() ? "" : ": " + request.method() + " " + request.path()));
        return DirectHandler.TransportResponse.builder()
                .status(Status.BAD_REQUEST_400)
                .headers(headers)
                .keepAlive(false)
                .entity("Bad Request")
                .build();
    }

    static Response error(int status, String message) {
        return Response.json(Map.of("error", message == null ? "" : message)).withStatus(status);
    }

    private static void write(ServerResponse res, Response r) {
        res.status(r.status());
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            res.header(h.getKey(), h.getValue());
        }
        if (r.writer() == null) {
            res.send(r.body());
            return;
        }
        try (OutputStream out = res.outputStream()) {
            r.writer().writeTo(out);
        } catch (IOException e) {
            // the client went away mid-body; the status is already sent, so there is nobody to answer
            LOG.log(System.Logger.Level.DEBUG, "streaming a response body failed: " + e);
        }
    }

    private static void reject(ServerResponse res) {
        res.header("Connection", "close");
        write(res, error(503, "server is shutting down"));
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String host() {
        return spec.host();
    }

    @Override
    public URI uri() {
        String h = spec.host().contains(":") ? "[" + spec.host() + "]" : spec.host();
        return URI.create("http://" + h + ":" + port() + "/");
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void awaitClose() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (stopped.getCount() == 0) {
                return;
            }
            closing = true;
            long left = spec.shutdownGrace().toNanos();
            boolean interrupted = false;
            while (inFlight.get() > 0 && left > 0 && !interrupted) {
                try {
                    left = drained.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (inFlight.get() > 0) {
                LOG.log(System.Logger.Level.WARNING, inFlight.get() + " request(s) still running after the shutdown grace of "
                        + spec.shutdownGrace() + (interrupted ? " (close was interrupted)" : "") + "; stopping anyway");
            }
            server.stop();
            stopped.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "HttpServer[" + uri() + ", inFlight=" + inFlight.get() + (closing ? ", closing" : "") + "]";
    }

}
