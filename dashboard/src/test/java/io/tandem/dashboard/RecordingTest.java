package io.tandem.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tandem.Pools;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.graph.RunOptions;
import io.tandem.graph.TaskGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace file is valid Chrome trace-event JSON; the page's data and the server's edges. */
class RecordingTest {
    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void chromeTraceIsValidJsonWithACompleteEventPerTimedTaskAndNamedLanes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.trace.json");
        try (Recording rec = Recording.start(); TaskPool pool = Pools.builder().name("tr").threads(2)) {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                tasks.add(pool.submit("step \"" + (n % 3) + "\"", () -> {
                    if (n == 7) {
                        throw new IllegalArgumentException("bad input <7>");
                    }
                    return n;
                }));
            }
            tasks.forEach(t -> t.outcome());
            rec.close();
            rec.writeChromeTrace(file);
        }
        int complete = 0;
        int failedEvents = 0;
        Set<String> phases = new HashSet<>();
        Set<String> threadNames = new HashSet<>();
        try (JsonParser p = JSON.createParser(Files.readAllBytes(file))) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            // walk every event object of traceEvents; the parser fails on any invalid JSON
            int depth = 0;
            String ph = null;
            String cat = null;
            String name = null;
            String field = null;
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                switch (t) {
                    case START_OBJECT -> {
                        depth++;
                        if (depth == 1) {
                            ph = cat = name = null;
                        }
                    }
                    case END_OBJECT -> {
                        if (depth == 1 && ph != null) {
                            phases.add(ph);
                            if (ph.equals("X")) {
                                complete++;
                                if ("failed".equals(cat)) {
                                    failedEvents++;
                                }
                            }
                        }
                        depth--;
                    }
                    case FIELD_NAME -> field = p.currentName();
                    case VALUE_STRING -> {
                        if (depth == 1 && field.equals("ph")) {
                            ph = p.getText();
                        } else if (depth == 1 && field.equals("cat")) {
                            cat = p.getText();
                        } else if (depth == 2 && field.equals("name") && name == null) {
                            name = p.getText();
                            threadNames.add(name);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        // tiny tasks are timed one in N: the others are counted in the metadata, not drawn
        java.util.regex.Matcher untimed = java.util.regex.Pattern.compile("\"tinyTasksUntimed\":(\\d+)")
                .matcher(Files.readString(file));
        assertTrue(untimed.find(), "the trace's metadata counts the untimed tasks");
        assertEquals(50, complete + Integer.parseInt(untimed.group(1)));
        assertTrue(complete >= 2, "at least each worker's first task is timed, got " + complete);
        assertEquals(1, failedEvents, "a failure is always on the trace");
        assertTrue(phases.containsAll(Set.of("X", "M", "i")), phases.toString());
        assertTrue(threadNames.stream().anyMatch(n -> n.startsWith("tr · tr-worker")), threadNames.toString());
    }

    @Test
    void thePageStateAndTraceAreServedAndGraphRunsAreSeen() throws Exception {
        try (Dashboard d = Dashboard.start(); HttpClient http = HttpClient.newHttpClient()) {
            assertTrue(d.uri().toString().startsWith("http://127.0.0.1:"), d.uri().toString());
            TaskGraph g = TaskGraph.create();
            g.task("a").call(() -> 1);
            g.task("b").needs("a").call(() -> 2);
            try (TaskPool pool = Pools.threads(2)) {
                g.run(RunOptions.builder().pool(pool).build());
            }
            String page = get(http, d.uri());
            assertTrue(page.contains("<canvas id=\"lanes\"") && !page.contains("http://") && !page.contains("https://"),
                    "self-contained: no external script, style or font");
            String state = get(http, d.uri().resolve("state.json"));
            assertTrue(state.contains("\"graphs\":[{\"id\":1,\"finished\":true"), state);
            assertTrue(state.contains("{\"name\":\"b\",\"status\":\"succeeded\",\"attempts\":1"), state);
            assertTrue(get(http, d.uri().resolve("trace.json")).startsWith("{\"displayTimeUnit\""));
            assertEquals(404, http.send(HttpRequest.newBuilder(d.uri().resolve("nothing")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void badAddressesAndPortsAreRefusedWithTheirName() {
        assertThrows(IllegalArgumentException.class, () -> Dashboard.start("127.0.0.1", 70000));
        Exception e = assertThrows(java.io.IOException.class, () -> Dashboard.start("no-such-host.invalid", 0));
        assertTrue(e.getMessage() != null, "says which address");
    }

    @Test
    void labelsThatDifferOnlyInNumbersAreOneKind() {
        assertEquals("fetch-#", RunState.maskDigits("fetch-17"));
        assertEquals("page # of #", RunState.maskDigits("page 3 of 12"));
        assertEquals("plain", RunState.maskDigits("plain"));
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), uri.toString());
        return r.body();
    }
}
