package io.tandem.cli;

import io.tandem.bench.Json;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void runsBelowOneAreRejected() {
        assertEquals(2, run("bench", "--runs", "0"));
        assertTrue(err.toString().contains("--runs must be at least 1, got 0"), err.toString());
    }

    @Test
    void aNonNumericRunCountIsRejected() {
        assertEquals(2, run("bench", "--runs", "many"));
        assertTrue(err.toString().contains("many"), err.toString());
    }

    @Test
    void anUnknownOptionIsRejected() {
        assertEquals(2, run("bench", "--fast"));
        assertTrue(err.toString().contains("--fast"), err.toString());
    }

    @Test
    void anUnknownScenarioListsTheKnownOnes() {
        assertEquals(2, run("bench", "--scenario", "fibonacci"));
        assertTrue(err.toString().contains("unknown scenario 'fibonacci'") && err.toString().contains("tiny-map"), err.toString());
    }

    @Test
    void anUnknownModelListsTheKnownOnes() {
        assertEquals(2, run("bench", "--models", "threads,gpu"));
        assertTrue(err.toString().contains("unknown model 'gpu'") && err.toString().contains("jdk-forkjoin"), err.toString());
    }

    @Test
    void modelsThatNoSelectedScenarioHasAreRejected() {
        assertEquals(2, run("bench", "--scenario", "handoff", "--models", "threads"));
        assertTrue(err.toString().contains("handoff [channel,channel-unbounded,jdk-abq"), err.toString());
    }

    @Test
    void jsonOutputParsesAndProgressGoesToStderr() {
        int code = run("bench", "--quick", "--json", "--scenario", "tiny-submit", "--models", "direct,virtual,jdk-virtual",
                "--size", "500", "--runs", "1");
        assertEquals(0, code, err.toString());
        Map<?, ?> root = (Map<?, ?>) Json.parse(out.toString().strip());
        List<?> scenarios = (List<?>) root.get("scenarios");
        Map<?, ?> s = (Map<?, ?>) scenarios.getFirst();
        assertEquals("tiny-submit", s.get("name"));
        List<?> results = (List<?>) s.get("results");
        assertEquals(List.of("direct", "virtual", "jdk-virtual"), results.stream().map(r -> ((Map<?, ?>) r).get("model")).toList());
        for (Object r : results) {
            assertEquals("OK", ((Map<?, ?>) r).get("status"));
        }
        assertTrue(err.toString().contains("tandem bench: tiny-submit  virtual"), err.toString());
    }

    @Test
    void tablesByDefault() {
        assertEquals(0, run("bench", "--scenario", "primes", "--models", "direct,threads", "--size", "2000", "--runs", "1"));
        String table = out.toString();
        assertTrue(table.contains("== primes:") && table.contains("x seq") && table.contains("threads"), table);
    }

    @Test
    void aReportWithAnUnknownExtensionIsRejected(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertEquals(2, run("bench", "--report", dir.resolve("bench.pdf").toString()));
        assertTrue(err.toString().contains("must end in .html, .md or .json"), err.toString());
    }

    @Test
    void aReportInAMissingDirectoryIsRejectedBeforeRunning(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertEquals(2, run("bench", "--report", dir.resolve("no/such/dir/bench.html").toString()));
        assertTrue(err.toString().contains("does not exist or is not writable"), err.toString());
    }

    @Test
    void htmlMarkdownAndJsonReportsAreWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals(0, run("bench", "--scenario", "tiny-map", "--models", "direct,threads", "--size", "1000", "--runs", "1",
                "--report", dir.resolve("bench.html").toString(), "--report", dir.resolve("bench.md").toString(),
                "--report", dir.resolve("bench.json").toString()), err.toString());
        for (String name : List.of("bench.html", "bench.md", "bench.json")) {
            java.nio.file.Path file = dir.resolve(name);
            String text = java.nio.file.Files.readString(file);
            switch (name) {
                case "bench.html" -> assertTrue(text.contains("<svg") && text.contains("tiny-map"), text);
                case "bench.md" -> assertTrue(text.contains("| tiny-map | 1,000 |"), text);
                default -> assertEquals(2L, ((Map<?, ?>) Json.parse(text.strip())).get("schema"));
            }
        }
        assertTrue(out.toString().contains("advice: "), "the table ends with advice");
    }

    @Test
    void listShowsEveryScenarioWithItsModels() {
        assertEquals(0, run("bench", "--list"));
        for (io.tandem.bench.Scenario s : io.tandem.bench.Scenarios.all()) {
            assertTrue(out.toString().contains(s.name()), s.name());
        }
    }

    @Test
    void workloadMistakesAreUsageErrors() {
        assertEquals(2, run("bench", "--workload", "com.example.Missing"));
        assertTrue(err.toString().contains("workload class com.example.Missing not found"), err.toString());
    }

    @Test
    void classpathWithoutWorkloadIsRejected() {
        assertEquals(2, run("bench", "--classpath", "x.jar"));
        assertTrue(err.toString().contains("--classpath only applies to --workload"), err.toString());
    }

    @Test
    void theSampleWorkloadRunsFromTheCommandLine() {
        assertEquals(0, run("bench", "--workload", "io.tandem.bench.samples.PasswordHashWorkload", "--models", "direct,virtual",
                "--size", "4", "--runs", "1"), err.toString());
        assertTrue(out.toString().contains("== workload:io.tandem.bench.samples.PasswordHashWorkload"), out.toString());
        assertTrue(out.toString().contains("winner: "), out.toString());
    }
}
