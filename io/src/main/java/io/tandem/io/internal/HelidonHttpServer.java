package io.tandem.io.internal;

import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
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
        this.server = WebServer.builder()
                .host(spec.host())
                .port(spec.port())
                .backlog(spec.backlog())
                .maxPayloadSize(spec.maxRequestBytes())
                .idleConnectionTimeout(spec.idleTimeout())
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
            return;
        }
        inFlight.incrementAndGet();
        try {
            if (closing) {
                reject(res);
                return;
            }
            write(res, invoke(handler, req));
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
    }

    private static Response invoke(Handler handler, ServerRequest req) {
        try {
            Response r = handler.handle(new HelidonRequest(req));
            if (r == null) {
                LOG.log(System.Logger.Level.WARNING, "handler for " + req.prologue().method().text() + " "
                        + req.path().path() + " returned null; answering 500");
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
            LOG.log(System.Logger.Level.WARNING, "handler for " + req.prologue().method().text() + " "
                    + req.path().path() + " failed; answering 500", e);
            return error(500, "Internal Server Error");
        }
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
