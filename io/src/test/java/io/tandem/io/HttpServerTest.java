package io.tandem.io;

import io.tandem.test.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpServerTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void warmUp() {
        Servers.warmUp();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer hello() {
        return HttpServer.builder()
                .get("/", req -> Response.text("Hello, Anonymous!"))
                .get("/{name}", req -> Response.text("Hello, " + req.pathParam("name").orElseThrow() + "!"))
                .start();
    }

    @Test
    void seedHelloRoutes() throws Exception {
        try (HttpServer server = hello()) {
            assertEquals("127.0.0.1", server.host());
            assertTrue(server.port() > 0);
            HttpResponse<String> root = get(server.uri());
            assertEquals(200, root.statusCode());
            assertEquals("Hello, Anonymous!", root.body());
            assertTrue(root.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
            assertEquals("Hello, world!", get(server.uri().resolve("/world")).body());
        }
    }

    @Test
    void jsonResponsesQueryHeadersAndErrors() throws Exception {
        record Job(String id, int priority, List<String> tags) {
        }
        try (HttpServer server = HttpServer.builder()
                .get("/jobs/{id}", req -> Response.json(new Job(req.pathParam("id").orElseThrow(),
                        Integer.parseInt(req.query("p").orElse("0")), List.of("a", "b\"c"))))
                .post("/echo", req -> Response.json(Map.of("len", req.body().length,
                        "ua", req.header("X-Test").orElse("-"))).withStatus(201))
                .get("/boom", req -> {
                    throw new IllegalStateException("secret detail");
                })
                .get("/conflict", req -> {
                    throw new HttpStatusException(409, "already running");
                })
                .start()) {
            HttpResponse<String> job = get(server.uri().resolve("/jobs/j1?p=5"));
            assertEquals(200, job.statusCode());
            assertEquals("application/json", job.headers().firstValue("content-type").orElseThrow());
            assertEquals("{\"id\":\"j1\",\"priority\":5,\"tags\":[\"a\",\"b\\\"c\"]}", job.body());

            HttpResponse<String> echo = client.send(HttpRequest.newBuilder(server.uri().resolve("/echo"))
                    .header("X-Test", "yes").POST(HttpRequest.BodyPublishers.ofString("12345")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, echo.statusCode());
            assertTrue(echo.body().contains("\"len\":5") && echo.body().contains("\"ua\":\"yes\""), echo.body());

            HttpResponse<String> boom = get(server.uri().resolve("/boom"));
            assertEquals(500, boom.statusCode());
            assertFalse(boom.body().contains("secret"), "exception messages must not leak to clients");

            HttpResponse<String> conflict = get(server.uri().resolve("/conflict"));
            assertEquals(409, conflict.statusCode());
            assertEquals("{\"error\":\"already running\"}", conflict.body());

            HttpResponse<String> missing = get(server.uri().resolve("/no/such/route"));
            assertEquals(404, missing.statusCode());
            assertTrue(missing.body().startsWith("{\"error\":"), missing.body());
        }
    }

    @Test
    void oversizedRequestGets413() throws Exception {
        try (HttpServer server = HttpServer.builder()
                .maxRequestBytes(1024)
                .post("/upload", req -> Response.json(Map.of("bytes", req.body().length)))
                .start()) {
            URI upload = server.uri().resolve("/upload");
            HttpResponse<String> small = client.send(HttpRequest.newBuilder(upload)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, small.statusCode());
            assertEquals("{\"bytes\":1000}", small.body());
            // Expect: 100-continue, as a client sending a large body should: the server answers from the headers
            // alone, so the answer cannot race the body's upload on the connection the server then closes
            HttpResponse<String> big = client.send(HttpRequest.newBuilder(upload).expectContinue(true)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024])).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, big.statusCode());
        }
    }

    @Test
    void closeLetsInFlightRequestsFinishAndRejectsNewOnes() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.builder()
                .shutdownGrace(Duration.ofSeconds(20))
                .get("/slow", req -> {
                    entered.countDown();
                    assertTrue(release.await(20, TimeUnit.SECONDS));
                    return Response.text("finished");
                })
                .get("/fast", req -> Response.text("fast"))
                .start();
        try {
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                    HttpRequest.newBuilder(server.uri().resolve("/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            assertEquals(1, server.inFlight());
            Thread closer = Thread.ofVirtual().start(server::close);
            Await.await("server closing", server::isClosing);
            // a new request (on a fresh connection) while draining is refused with 503
            try (HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                HttpResponse<String> refused = other.send(HttpRequest.newBuilder(server.uri().resolve("/fast")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, refused.statusCode());
            }
            assertTrue(closer.isAlive(), "close must wait for the in-flight request");
            release.countDown();
            HttpResponse<String> done = slow.get(10, TimeUnit.SECONDS);
            assertEquals(200, done.statusCode());
            assertEquals("finished", done.body());
            closer.join(Duration.ofSeconds(10));
            assertFalse(closer.isAlive());
            assertThrows(IOException.class, () -> get(server.uri().resolve("/fast")), "stopped server must refuse connections");
        } finally {
            release.countDown();
            server.close();
        }
    }

    @Test
    void closeIsIdempotentAndAwaitCloseReturns() throws Exception {
        HttpServer server = hello();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                server.awaitClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.close();
        server.close();
        waiter.join(Duration.ofSeconds(10));
        assertFalse(waiter.isAlive());
    }

    @Test
    void builderRejectsBadInput() {
        HttpServer.Builder b = HttpServer.builder();
        assertThrows(IllegalArgumentException.class, () -> b.port(70000));
        assertThrows(IllegalArgumentException.class, () -> b.get("no-slash", r -> Response.status(204)));
        assertThrows(IllegalArgumentException.class, () -> b.maxRequestBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> b.readTimeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> b.get("/", null));
        assertThrows(IllegalArgumentException.class, () -> Response.status(42));
        assertThrows(IllegalArgumentException.class, () -> Response.json(Map.of("x", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> new HttpStatusException(200, "not an error"));
    }

    @Test
    void portInUseFailsClearly() {
        try (HttpServer first = hello()) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> HttpServer.builder().port(first.port()).start().close());
            assertTrue(String.valueOf(e.getMessage()).contains(String.valueOf(first.port()))
                    || e.getCause() != null, "message should say what could not be bound: " + e);
        }
    }
}
