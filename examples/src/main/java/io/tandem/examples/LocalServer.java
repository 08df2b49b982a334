package io.tandem.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The stand-in for the internet that the fetching examples use, so they run offline: the JDK's
 * {@link HttpServer} on 127.0.0.1 and an ephemeral port, one virtual thread per request, serving
 * content generated in memory after a fixed latency (so concurrent fetches visibly overlap).
 * Unknown paths get a 404.
 *
 * <p>Threads: started and closed by one thread; serves any number of requests at once. {@link #close()}
 * stops the server and waits for the request threads, leaving no thread behind.
 */
final class LocalServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService requests;

    private LocalServer(HttpServer server, ExecutorService requests) {
        this.server = server;
        this.requests = requests;
    }

    /** Starts a server that answers each path in {@code content} with its bytes after {@code latency}. */
    static LocalServer start(Map<String, byte[]> content, Duration latency) throws IOException {
        Map<String, byte[]> pages = Map.copyOf(content);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(requests);
        server.createContext("/", exchange -> serve(exchange, pages, latency));
        server.start();
        return new LocalServer(server, requests);
    }

    private static void serve(HttpExchange exchange, Map<String, byte[]> pages, Duration latency) throws IOException {
        try (exchange) {
            Thread.sleep(latency);
            byte[] body = pages.get(exchange.getRequestURI().getPath());
            if (body == null) {
                body = ("no such page: " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The address of {@code path} (which starts with {@code /}) on this server. */
    URI uri(String path) {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + path);
    }

    /**
     * Sends one throw-away request with {@code http}, so the timings an example prints measure the
     * fetching and not the loading of the HTTP client's classes on first use.
     */
    void warmUp(HttpClient http) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(uri("/warm-up")).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** {@code size} bytes of repeatable filler, different for each {@code seed}: the "files" served. */
    static byte[] filler(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ((i * 31 + seed * 17) & 0xff);
        }
        return bytes;
    }

    /** A small HTML page of about {@code paragraphs} paragraphs, for the "websites". */
    static byte[] page(String title, int paragraphs) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>").append(title)
                .append("</title></head><body><h1>").append(title).append("</h1>\n");
        for (int i = 1; i <= paragraphs; i++) {
            html.append("<p>Paragraph ").append(i).append(" of ").append(title)
                    .append(": served from memory by a local server.</p>\n");
        }
        return html.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Stops the server at once and waits for its request threads to end. */
    @Override
    public void close() {
        try {
            server.stop(0);
        } finally {
            requests.close();
        }
    }
}
