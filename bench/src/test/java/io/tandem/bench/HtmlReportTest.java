package io.tandem.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML report is one offline file that shows every model, including the ones that did not finish. */
class HtmlReportTest {

    private static BenchReport sample() {
        Scenario s = Scenarios.byName("primes").orElseThrow();
        List<ModelResult> rows = List.of(
                ModelResult.ok(Model.DIRECT, List.of(1.0, 1.1, 0.9), 5L, 40, 0.5),
                ModelResult.ok(Model.THREADS, List.of(0.55, 0.5, 0.6), 5L, 42, 0.97),
                ModelResult.ok(Model.PY_SEQUENTIAL, List.of(30.0), 5L, 12, 0.5),
                Measure.wrong(Model.VIRTUAL, 5L, 6L),
                ModelResult.notTimed(Model.PY_POOL, ModelResult.Status.SKIPPED, null, "python3 not found <&>"));
        return new BenchReport(Mode.FULL, new Machine("Test CPU", 2, 4096, "Linux", "25", null, 0.5),
                List.of(new ScenarioResult(s, 1000, rows)));
    }

    @Test
    void aSelfContainedPageWithAChartAndATablePerScenario(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench.html");
        HtmlReport.write(sample(), file);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.strip().endsWith("</html>"));
        assertEquals(1, count(html, "<svg "), "one chart per scenario");
        assertEquals(count(html, "<svg "), count(html, "</svg>"));
        assertEquals(count(html, "<table"), count(html, "</table>"));
        for (String model : List.of("direct", "threads", "py-sequential", "virtual", "py-pool")) {
            assertTrue(html.contains(">" + model + "<"), model + " is shown, finished or not");
        }
        assertTrue(html.contains("WRONG: answer 6, expected 5"));
        assertTrue(html.contains("python3 not found &lt;&amp;&gt;"), "messages are escaped");
        assertFalse(html.contains("<&>"));
        assertTrue(html.contains("Test CPU") && html.contains("4.0 GiB"), "the machine is described");
        assertTrue(html.contains("Use threads"), "the advice is on the page");
        // offline: no script, no stylesheet or image fetched from anywhere
        assertFalse(html.contains("<script"));
        Matcher m = Pattern.compile("(src|href)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            assertTrue(m.group(2).startsWith("#"), "only in-page links: " + m.group());
        }
        assertTrue(html.contains("log scale"), "times spanning 60x use a logarithmic axis");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
