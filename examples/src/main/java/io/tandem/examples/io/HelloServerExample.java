package io.tandem.examples.io;

import io.tandem.io.Fetch;
import io.tandem.io.HttpServer;
import io.tandem.io.Response;

import java.io.PrintStream;
import java.util.List;

/**
 * Seed 004's aiohttp server: {@code GET /} and {@code GET /{name}} answer {@code Hello, name!}, each
 * request on its own virtual thread. {@link #run} starts it on a free port, calls both routes and shuts
 * down gracefully; {@link #main} serves on port 8080 (or the first argument) until Ctrl-C.
 */
public final class HelloServerExample {
    private HelloServerExample() {
    }

    static HttpServer.Builder app() {
        return HttpServer.builder()
                .get("/", req -> Response.text("Hello, Anonymous!"))
                .get("/{name}", req -> Response.text("Hello, " + req.pathParam("name").orElse("Anonymous") + "!"));
    }

    public static void run(PrintStream out) throws Exception {
        try (HttpServer server = app().start(); Fetch fetch = Fetch.create()) {
            out.println("Server started at " + server.uri());
            fetch.getAll(List.of(server.uri().toString(), server.uri().resolve("/Tandem").toString()))
                    .forEach(r -> out.println("GET " + r.url() + " -> " + r.status() + " " + r.text()));
        }
        out.println("Server stopped");
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = app().port(args.length > 0 ? Integer.parseInt(args[0]) : 8080).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Server started at " + server.uri());
        server.awaitClose();
    }
}
