package io.tandem.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON document is an interface other programs parse: exactly the documented fields (none missing,
 * none undocumented) with the documented types, for OK, WRONG and SKIPPED results, from a real run.
 */
class BenchJsonSchemaTest {
    private static final Set<String> ROOT = Set.of("schema", "mode", "java", "cores", "python", "machine", "scenarios",
            "programs");
    private static final Set<String> MACHINE = Set.of("cpu_model", "cores", "memory_mb", "os", "java", "python", "load_average");
    private static final Set<String> SCENARIO = Set.of("name", "description", "unit", "size", "winner", "advice", "results");
    private static final Set<String> RESULT = Set.of("model", "kind", "description", "status", "message", "runs", "times_s",
            "median_s", "min_s", "max_s", "rate_per_s", "speedup_vs_sequential", "vs_best_python", "peak_rss_mb",
            "cpu_utilisation", "answer");
    private static final Set<String> NUMBERS_OR_NULL = Set.of("median_s", "min_s", "max_s", "rate_per_s",
            "speedup_vs_sequential", "vs_best_python", "peak_rss_mb", "cpu_utilisation");

    @Test
    void everyFieldIsDocumentedAndTyped() {
        BenchOptions o = new BenchOptions(Mode.QUICK, List.of("tiny-map", "primes"),
                List.of("direct", "threads", "virtual", "py-sequential"), 1, 2000, true, null);
        BenchReport ran = new BenchRunner(o).run();
        // add a WRONG row to the real results, so the schema of a result without times is checked too
        ScenarioResult first = ran.scenarios().getFirst();
        List<ModelResult> rows = new java.util.ArrayList<>(first.results());
        rows.add(Measure.wrong(Model.JDK_FORKJOIN, 1L, 2L));
        BenchReport report = new BenchReport(ran.mode(), ran.machine(),
                List.of(new ScenarioResult(first.scenario(), first.size(), rows), ran.scenarios().get(1)));

        Map<?, ?> root = assertInstanceOf(Map.class, Json.parse(report.toJson()));
        assertEquals(ROOT, root.keySet());
        assertEquals(2L, root.get("schema"));
        assertEquals("quick", root.get("mode"));
        assertInstanceOf(String.class, root.get("java"));
        assertInstanceOf(Long.class, root.get("cores"));
        Map<?, ?> machine = assertInstanceOf(Map.class, root.get("machine"));
        assertEquals(MACHINE, machine.keySet());
        assertEquals(root.get("cores"), machine.get("cores"));
        assertEquals(root.get("python"), machine.get("python"));
        assertInstanceOf(String.class, machine.get("cpu_model"));
        assertTrue(((Number) machine.get("memory_mb")).longValue() > 0, "memory read from /proc/meminfo");

        List<?> scenarios = assertInstanceOf(List.class, root.get("scenarios"));
        assertEquals(List.of("tiny-map", "primes"), scenarios.stream().map(s -> ((Map<?, ?>) s).get("name")).toList());
        for (Object so : scenarios) {
            Map<?, ?> s = assertInstanceOf(Map.class, so);
            assertEquals(SCENARIO, s.keySet());
            assertInstanceOf(Long.class, s.get("size"));
            List<?> okModels = ((List<?>) s.get("results")).stream().map(r -> (Map<?, ?>) r)
                    .filter(r -> "OK".equals(r.get("status"))).map(r -> r.get("model")).toList();
            assertTrue(okModels.contains(s.get("winner")), "the winner is a model that finished: " + s.get("winner"));
            assertTrue(((String) s.get("advice")).endsWith("."), String.valueOf(s.get("advice")));
            for (Object ro : assertInstanceOf(List.class, s.get("results"))) {
                Map<?, ?> r = assertInstanceOf(Map.class, ro);
                assertEquals(RESULT, r.keySet(), String.valueOf(r));
                assertTrue(List.of("sequential", "tandem", "jdk", "python").contains(r.get("kind")));
                assertTrue(List.of("OK", "WRONG", "FAILED", "SKIPPED", "NOT_APPLICABLE").contains(r.get("status")));
                List<?> times = assertInstanceOf(List.class, r.get("times_s"));
                assertEquals((long) times.size(), r.get("runs"));
                for (String k : NUMBERS_OR_NULL) {
                    Object v = r.get(k);
                    assertTrue(v == null || v instanceof Number, k + " = " + v);
                }
                if ("OK".equals(r.get("status"))) {
                    assertNotNull(r.get("median_s"));
                    assertNotNull(r.get("answer"));
                    double min = ((Number) r.get("min_s")).doubleValue();
                    double median = ((Number) r.get("median_s")).doubleValue();
                    double max = ((Number) r.get("max_s")).doubleValue();
                    assertTrue(min <= median && median <= max, min + " " + median + " " + max);
                } else if ("WRONG".equals(r.get("status"))) {
                    assertEquals(0L, r.get("runs"));
                    assertEquals(null, r.get("median_s"));
                    assertTrue(((String) r.get("message")).contains("expected 1"));
                }
            }
        }
    }
}
