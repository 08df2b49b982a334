package io.tandem.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A live page of everything this JVM's pools, scopes and task graphs do: the task stream (a lane per worker,
 * zoomable, coloured by kind of task, failures marked), progress per kind of task, per-worker utilisation,
 * process workers' pids, RSS and restarts, the failures grouped with their stacks, and each graph's DAG.
 *
 * {@snippet :
 * try (Dashboard d = Dashboard.start()) {          // 127.0.0.1, a free port
 *     System.out.println("dashboard: " + d.uri());
 *     runTheProgram();
 * }
 * }
 *
 * <p>The page is self-contained (no CDN: it works offline) and is pushed by server-sent events
 * ({@code /events}) every {@value #PUSH_MILLIS} ms; {@code /state.json} is one such message and
 * {@code /trace.json} the run as a Chrome trace. It is served by the JDK's {@code com.sun.net.httpserver}:
 * a server-sent stream is a response that never ends, which that server streams with chunked encoding on a
 * thread of its own, with no dependency. It listens on 127.0.0.1 unless told another address: it has no
 * authentication, so binding elsewhere is the caller's explicit choice.
 *
 * <p>Concurrency: thread-safe. Each open page holds one platform thread of the dashboard. {@link #close()}
 * stops the server, ends every stream, joins the threads and closes the recording if the dashboard
 * started it; idempotent.
 */
public final class Dashboard implements AutoCloseable {
    static final int PUSH_MILLIS = 250;

    private final Recording recording;
    private final boolean ownsRecording;
    private final HttpServer server;
    private final ExecutorService threads;
    private final URI uri;
    private volatile boolean closed;

    private Dashboard(Recording recording, boolean owns, String bind, int port) throws IOException {
        this.recording = recording;
        this.ownsRecording = owns;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> Thread.ofPlatform().daemon()
                .name("tandem-dashboard-" + n.incrementAndGet()).unstarted(r));
        InetAddress address = InetAddress.getByName(bind);
        try {
            this.server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (IOException e) {
            threads.shutdownNow();
            throw new IOException("dashboard: cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (choose another --bind address or port)", e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::page);
        server.createContext("/events", this::events);
        server.createContext("/state.json", this::state);
        server.createContext("/trace.json", this::trace);
        server.start();
        String host = address.getHostAddress();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.getAddress().getPort() + "/");
    }

    /** Records this JVM and serves the page on 127.0.0.1 at a free port. */
    public static Dashboard start() throws IOException {
        return start("127.0.0.1", 0);
    }

    /**
     * Records this JVM and serves the page on {@code bind} (an address or host name; "0.0.0.0" for every
     * interface) at {@code port} (0: a free one).
     */
    public static Dashboard start(String bind, int port) throws IOException {
        Recording r = Recording.start();
        try {
            return new Dashboard(r, true, checked(bind, port), port);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Serves the page for an existing recording (left open by {@link #close()}). */
    public static Dashboard start(Recording recording, String bind, int port) throws IOException {
        Objects.requireNonNull(recording, "recording");
        return new Dashboard(recording, false, checked(bind, port), port);
    }

    private static String checked(String bind, int port) {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("dashboard port must be 0 (any free port) to 65535, got " + port);
        }
        return bind;
    }

    /** The page's address ("http://127.0.0.1:41234/"). */
    public URI uri() {
        return uri;
    }

    /** What the page shows. */
    public Recording recording() {
        return recording;
    }

    private void page(HttpExchange x) throws IOException {
        if (!x.getRequestURI().getPath().equals("/")) {
            send(x, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(x, 200, "text/html; charset=utf-8", PAGE);
    }

    private void state(HttpExchange x) throws IOException {
        String json;
        recording.drainNow();
        synchronized (recording) {
            json = PageJson.message(recording, 0, System.nanoTime());
        }
        send(x, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private void trace(HttpExchange x) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        recording.writeChromeTrace(b);
        x.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"tandem.trace.json\"");
        send(x, 200, "application/json", b.toByteArray());
    }

    /* A server-sent event stream: a message at once, then one per PUSH_MILLIS until the client leaves. */
    private void events(HttpExchange x) throws IOException {
        x.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().add("Cache-Control", "no-cache");
        x.sendResponseHeaders(200, 0);
        int sent = 0;
        try (OutputStream out = x.getResponseBody()) {
            while (!closed && !Thread.currentThread().isInterrupted()) {
                String json;
                synchronized (recording) {
                    json = PageJson.message(recording, sent, System.nanoTime());
                    sent = Math.min(recording.state().spans, sent + PageJson.MAX_SPANS_PER_MESSAGE);
                }
                out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PUSH_MILLIS));
            }
        } catch (IOException e) {
            // the page was closed: the stream ends here
        } finally {
            x.close();
        }
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops serving, ends the streams and joins their threads; closes the recording if it started it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        threads.shutdownNow();
        boolean interrupted = false;
        try {
            while (!threads.awaitTermination(1, TimeUnit.MINUTES)) {
                System.getLogger("io.tandem.dashboard").log(System.Logger.Level.WARNING, "dashboard threads still running");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (ownsRecording) {
            recording.close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final byte[] PAGE = load("dashboard.html");

    private static byte[] load(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
