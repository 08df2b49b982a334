package io.tandem.cli;

import io.tandem.io.HttpServer;
import io.tandem.io.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tandem fetch` and `tandem serve-hello` against real servers and a real process. */
class IoCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void fetchSavesEveryGoodUrlAndReportsTheBadOnesWithExitCode1() throws Exception {
        try (HttpServer server = HttpServer.builder().port(0)
                .get("/page/{n}", req -> Response.text("page " + req.pathParam("n").orElseThrow()))
                .start()) {
            Path list = tmp.resolve("urls.txt");
            Files.write(list, List.of(server.uri() + "page/1", "# a comment", server.uri() + "page/2", "not a url"));
            Path out = tmp.resolve("out");
            StringWriter stdout = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(stdout, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            int code = cl.execute("fetch", list.toString(), "-o", out.toString(), "-j", "4");
            String printed = stdout.toString();
            assertEquals(1, code, printed);
            assertTrue(printed.lines().filter(l -> l.startsWith("200")).count() == 2, printed);
            assertTrue(printed.lines().anyMatch(l -> l.startsWith("ERR") && l.contains("not a url")), printed);
            try (var files = Files.list(out)) {
                List<String> bodies = files.map(p -> {
                    try {
                        return Files.readString(p);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).sorted().toList();
                assertEquals(List.of("page 1", "page 2"), bodies);
            }
        }
    }

    @Test
    void fetchRejectsBadOptionsWithExitCode2() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("fetch", "-j", "0", tmp.resolve("none").toString()));
        assertEquals(2, cl.execute("fetch", "--per-host", "-1", tmp.resolve("none").toString()));
        assertEquals(List.of("tandem fetch: -j must be at least 1, got 0",
                "tandem fetch: --per-host must be at least 0 (0 = no per-host limit), got -1"), err.toString().lines().toList());
    }

    @Test
    void serveHelloAnswersAndShutsDownOnSigterm() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve-hello", "--port", "0").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Server started at ")) {
                // skip JVM warnings
            }
            assertNotNull(line, "serve-hello printed its URL");
            URI base = URI.create(line.substring("Server started at ".length()).trim());
            assertEquals("127.0.0.1", base.getHost(), "binds to loopback by default");
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/World")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("Hello, World!", r.body());
                r = client.send(HttpRequest.newBuilder(base.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals("Hello, Anonymous!", r.body());
            }
            p.destroy(); // SIGTERM: the shutdown hook closes the server gracefully
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "serve-hello exited after SIGTERM");
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }
}
