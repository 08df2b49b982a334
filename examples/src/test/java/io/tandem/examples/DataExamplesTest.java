package io.tandem.examples;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the chunked-data examples (module data) through the {@link Catalog} and checks what they print. */
class DataExamplesTest {

    @Test
    void chunkMeansPrintsTheSeedsResultsBothWays() throws Exception {
        ExampleOutput out = ExampleOutput.run("chunk-means");
        String means = "[49999.5, 149999.5, 249999.5, 349999.5, 449999.5, 549999.5, 649999.5, 749999.5, 849999.5, 949999.5]";
        out.assertLine("Results: " + means);
        out.assertLine("Shared memory, no copy per chunk: " + means);
        out.assertLine("Same results: true");
    }

    @Test
    void logStatsCountsEveryRequestPerStatus() throws Exception {
        ExampleOutput out = ExampleOutput.run("log-stats");
        out.assertLine("Read 200000 requests, columns [time, status, latency_ms, path]");
        out.match("status\\s+requests\\s+mean_latency_ms");
        long total = 0;
        for (String status : new String[] {"200", "301", "404", "500"}) {
            Matcher m = out.match("\\s*" + status + "\\s+(\\d+)\\s+\\d+\\.\\d+");
            total += Long.parseLong(m.group(1));
        }
        assertEquals(200_000, total, out.text());
        out.assertLine("[4 rows x 3 columns]");
        out.match("\\d+ requests slower than 900 ms, mean 9\\d\\d\\.\\d ms");
    }
}
