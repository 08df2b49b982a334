package io.tandem.io;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12: mutated requests never get a 500, never hang a connection, never log a warning (see {@link HttpFuzzer}). */
class HttpServerFuzzTest {

    @BeforeAll
    static void warmUp() {
        Servers.warmUp();
    }

    /** Runs {@link HttpFuzzer} for {@code budget}; shared with the longer stress run. */
    static void fuzz(Duration budget) throws Exception {
        long seed = HttpFuzzer.seed();
        try (CapturedLogs logs = new CapturedLogs(); HttpServer server = HttpFuzzer.server()) {
            HttpFuzzer fuzzer = new HttpFuzzer(server.port(), seed);
            fuzzer.run(4, budget);
            assertEquals(java.util.List.of(), logs.warnings(), "seed " + seed + ": client input logged warnings");
            assertTrue(fuzzer.requests.get() > 100, "seed " + seed + ": only " + fuzzer.requests + " requests in " + budget);
            System.out.println("HTTP fuzz seed " + seed + ": " + fuzzer.requests + " requests, " + fuzzer.answered
                    + " answered, no server error, no hang, no warning");
        }
    }

    @Test
    void mutatedRequestsGetNo500NoHangNoWarning() throws Exception {
        fuzz(Duration.ofSeconds(8));
    }
}
