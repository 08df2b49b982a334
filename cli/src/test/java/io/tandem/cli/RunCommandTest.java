package io.tandem.cli;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the example run files (examples/runs) and malformed ones through {@code tandem run}. */
class RunCommandTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "runs");

    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {
    }

    private Outcome run(Path file, String... options) throws Exception {
        RunCommand cmd = new RunCommand();
        cmd.file = file;
        for (String o : options) {
            switch (o) {
                case "--dry-run" -> cmd.dryRun = true;
                case "--json" -> cmd.json = true;
                case "--fail-fast" -> cmd.failFast = true;
                default -> cmd.report = dir.resolve(o);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = cmd.run(o, e);
        }
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path copyExamples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/out/")).toList()) {
                Path target = dir.resolve(EXAMPLES.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        return dir;
    }

    @Test
    void registeredAsSubcommand() {
        assertTrue(Main.commandLine().getSubcommands().containsKey("run"));
    }

    @Test
    void buildExampleDryRunPrintsPlanWithCriticalPath() throws Exception {
        Path d = copyExamples();
        Outcome o = run(d.resolve("build.yaml"), "--dry-run");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("critical path: clean -> generate -> compile-core -> link -> test-unit -> package"), o.out());
        assertTrue(o.out().indexOf(" compile-core ") < o.out().indexOf(" compile-util "), o.out());
        assertFalse(Files.exists(d.resolve("out")), "a dry run runs nothing");
    }

    @Test
    void buildExampleRunsWithRetriesJsonAndReport() throws Exception {
        Path d = copyExamples();
        Outcome o = run(d.resolve("build.yaml"), "--json", "run.html");
        assertEquals(0, o.status(), o.err() + o.out());
        assertTrue(o.out().contains("\"name\": \"test-flaky\", \"status\": \"SUCCEEDED\", \"attempts\": 2"), o.out());
        assertTrue(o.err().contains("11 tasks in"), o.err());
        assertTrue(Files.exists(d.resolve("out/build/dist/app.tar")));
        String html = Files.readString(dir.resolve("run.html"));
        assertTrue(html.contains("<svg") && html.contains("compile-core") && !html.contains("<script"), html);
    }

    @Test
    void crawlExampleAgainstALocalServer() throws Exception {
        Path d = copyExamples();
        HttpServer server = SimpleFileServer.createFileServer(new InetSocketAddress("127.0.0.1", 0),
                d.resolve("site").toAbsolutePath(), SimpleFileServer.OutputLevel.NONE);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        try {
            Path yaml = d.resolve("crawl.yaml");
            Files.writeString(yaml, Files.readString(yaml).replace("127.0.0.1:8765", "127.0.0.1:" + server.getAddress().getPort()));
            Outcome o = run(yaml);
            assertEquals(0, o.status(), o.err() + o.out());
            assertTrue(o.out().contains("total words:"), o.out());
            assertTrue(Files.readString(d.resolve("out/crawl/links.txt")).contains("b.html"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void failingTaskExitsOneAndSkipsDownstream() throws Exception {
        Path f = dir.resolve("fail.yaml");
        Files.writeString(f, """
                tasks:
                  ok: {run: echo fine}
                  bad: {run: echo broken >&2; exit 3}
                  after: {run: echo never, needs: bad}
                """);
        Outcome o = run(f);
        assertEquals(1, o.status());
        assertTrue(o.out().matches("(?s).*bad\\s+FAILED\\s+1.*command exited with status 3: broken.*"), o.out());
        assertTrue(o.out().matches("(?s).*after\\s+SKIPPED\\s+0.*upstream task 'bad' failed.*"), o.out());
    }

    @Test
    void malformedFilesNameLineColumnAndNothingRuns() throws Exception {
        String[][] cases = {
                {"tasks:\n  a:\n    run: echo hi\n   needs: b\n", "bad.yaml:4:", "malformed YAML"},
                {"tasks:\n  a:\n    run: touch ran\n    retries: two\n", "bad.yaml:4:14: tasks.a.retries: expected an integer from 0 to 1000, got 'two'", ""},
                {"tasks:\n  a:\n    run: touch ran\n    needz: [b]\n", "bad.yaml:4:5: unknown tasks.a key 'needz'", "expected one of"},
                {"tasks:\n  a:\n    run: touch ran\n    needs: [ghost]\n", "bad.yaml:4:13: tasks.a.needs: unknown task 'ghost'", ""},
                {"tasks:\n  a: {run: touch ran, needs: b}\n  b: {run: touch ran, needs: a}\n", "cycle: a -> b -> a", "bad.yaml:2:"},
                {"tasks:\n  a: {run: touch ran, resources: {gpu: 1}}\n", "resource 'gpu' is not declared", "bad.yaml:2:"},
                {"{\"tasks\": {\"a\": {\"run\": \"touch ran\",}}", "bad.yaml:1:", "malformed YAML"},
                {"tasks:\n  a: {fetch: ftp://x, to: y}\n", "expected an http:// or https:// URL", "bad.yaml:2:"},
                {"tasks:\n  a: {run: x, fetch: http://x}\n", "expected exactly one of 'run:'", "bad.yaml:2:"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("bad.yaml");
            Files.writeString(f, c[0]);
            Outcome o = run(f);
            assertEquals(2, o.status(), c[0]);
            assertTrue(o.err().contains(c[1]) && o.err().contains(c[2]), "for\n" + c[0] + "\ngot: " + o.err());
            assertTrue(o.err().contains("nothing was run"));
            assertFalse(Files.exists(dir.resolve("ran")));
        }
    }

    @Test
    void jsonRunFileIsAccepted() throws Exception {
        Path f = dir.resolve("run.json");
        Files.writeString(f, "{\"tasks\": {\"a\": {\"run\": \"echo from-json\"}, \"b\": {\"run\": \"echo b\", \"needs\": [\"a\"]}}}");
        Outcome o = run(f, "--json");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("\"value\": \"from-json\""), o.out());
    }
}
