package io.tandem.examples.io;

import io.tandem.io.HttpServer;
import io.tandem.io.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for the websites the seeds fetch (google.com, python.org, jsonplaceholder...), so the
 * examples run offline: small HTML pages with a {@code <meta>} tag, JSON posts, and a simulated network
 * latency per request.
 */
final class LocalSites implements AutoCloseable {
    static final List<String> SITES = List.of("www.google.com", "www.python.org", "www.github.com",
            "example.com", "example.org", "example.net");

    private final HttpServer server;

    LocalSites(Duration latency) {
        server = HttpServer.builder()
                .get("/site/{name}", req -> {
                    pause(latency);
                    String name = req.pathParam("name").orElseThrow();
                    return Response.bytes(page(name).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            "text/html; charset=UTF-8");
                })
                .get("/posts/{id}", req -> {
                    pause(latency);
                    int id = Integer.parseInt(req.pathParam("id").orElseThrow());
                    return Response.json(Map.of("userId", 1, "id", id, "title", "post number " + id,
                            "body", "the body of post " + id));
                })
                .start();
    }

    private static void pause(Duration latency) throws InterruptedException {
        if (!latency.isZero()) {
            Thread.sleep(latency);   // simulated network latency
        }
    }

    static String page(String name) {
        return "<!doctype html><html><head><title>" + name + "</title>"
                + "<meta name=\"description\" content=\"The local copy of " + name + "\">"
                + "<meta charset=\"utf-8\"></head><body>"
                + ("<p>Welcome to " + name + ". ").repeat(name.length() * 3) + "</body></html>";
    }

    /** The local URL standing in for {@code site}. */
    String url(String site) {
        return server.uri().resolve("/site/" + site).toString();
    }

    String post(int id) {
        return server.uri().resolve("/posts/" + id).toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
