package io.tandem.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchRunnerTest {

    /** A scenario whose only model gets the answer wrong. */
    private static class WrongScenario implements Scenario {
        int runs;

        @Override public String name() { return "wrong"; }
        @Override public String description() { return "always off by one"; }
        @Override public String unit() { return "items"; }
        @Override public int size(Mode mode) { return 10; }
        @Override public List<Model> models() { return List.of(Model.DIRECT); }
        @Override public Object expected(int size) { return 45L; }

        @Override
        public Object run(Model model, int size) {
            runs++;
            return 46L;
        }
    }

    @Test
    void aWrongAnswerIsReportedWrongAndNotTimed() {
        WrongScenario s = new WrongScenario();
        ModelResult r = Measure.inProcess(s, Model.DIRECT, 10, RunPlan.exactly(5), 45L);
        assertEquals(ModelResult.Status.WRONG, r.status());
        assertTrue(r.seconds().isEmpty(), "a wrong model is not timed");
        assertTrue(r.message().contains("46") && r.message().contains("45"), r.message());
        assertEquals(1, s.runs, "stops at the first wrong answer");
        BenchReport report = new BenchReport(Mode.QUICK, Machine.current(null), List.of(new ScenarioResult(s, 10, List.of(r))));
        assertFalse(report.allCorrect());
        assertTrue(report.toTable().contains("WRONG: answer 46, expected 45"), report.toTable());
    }

    @Test
    void aThrowingModelIsReportedFailed() {
        Scenario s = new WrongScenario() {
            @Override
            public Object run(Model model, int size) {
                throw new IllegalStateException("boom");
            }
        };
        ModelResult r = Measure.inProcess(s, Model.DIRECT, 10, RunPlan.exactly(1), 45L);
        assertEquals(ModelResult.Status.FAILED, r.status());
        assertTrue(r.message().contains("boom"));
    }

    @Test
    void jsonReportHasTheDocumentedFields() {
        BenchOptions o = new BenchOptions(Mode.QUICK, List.of("tiny-map"), List.of("direct", "threads", "py-sequential"),
                2, 1000, true, null);
        BenchReport report = new BenchRunner(o).run();
        assertTrue(report.allCorrect(), report.toTable());
        Map<?, ?> root = assertInstanceOf(Map.class, Json.parse(report.toJson()));
        assertEquals((long) BenchReport.SCHEMA, root.get("schema"));
        assertEquals("quick", root.get("mode"));
        assertTrue(root.containsKey("java") && root.containsKey("cores") && root.containsKey("python"));
        List<?> scenarios = assertInstanceOf(List.class, root.get("scenarios"));
        assertEquals(1, scenarios.size());
        Map<?, ?> s = (Map<?, ?>) scenarios.getFirst();
        assertEquals("tiny-map", s.get("name"));
        assertEquals(1000L, s.get("size"));
        for (String k : List.of("description", "unit", "results")) {
            assertTrue(s.containsKey(k), k);
        }
        List<?> results = (List<?>) s.get("results");
        assertEquals(3, results.size());
        for (Object o2 : results) {
            Map<?, ?> r = (Map<?, ?>) o2;
            for (String k : List.of("model", "kind", "description", "status", "message", "runs", "times_s", "median_s",
                    "min_s", "max_s", "rate_per_s", "speedup_vs_sequential", "vs_best_python", "peak_rss_mb",
                    "cpu_utilisation", "answer")) {
                assertTrue(r.containsKey(k), "result field " + k);
            }
        }
        Map<?, ?> direct = (Map<?, ?>) results.getFirst();
        assertEquals("direct", direct.get("model"));
        assertEquals("OK", direct.get("status"));
        assertEquals(2L, direct.get("runs"));
        assertEquals(String.valueOf(Workloads.sumOfSquares(1000)), direct.get("answer"));
        assertEquals(1.0, ((Number) direct.get("speedup_vs_sequential")).doubleValue(), 1e-9);
        assertNull(direct.get("peak_rss_mb"), "not measurable in-process");
        Map<?, ?> py = (Map<?, ?>) results.get(2);
        assertTrue(List.of("OK", "SKIPPED").contains(py.get("status")), String.valueOf(py));
    }

    @Test
    void memoryScenariosRunEachModelInAChildJvmAndReportItsPeakRss() {
        BenchOptions o = new BenchOptions(Mode.QUICK, List.of("sleeps"), List.of("virtual"), 1, 100, true, null);
        BenchReport report = new BenchRunner(o).run();
        ModelResult r = report.scenarios().getFirst().results().getFirst();
        assertEquals(ModelResult.Status.OK, r.status(), r.message());
        assertTrue(r.peakRssMb() > 10, "peak RSS of the child: " + r.peakRssMb());
    }

    @Test
    void badOptionsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BenchOptions(Mode.QUICK, List.of("nope"), List.of(), 0, 0, true, null));
        assertTrue(e.getMessage().contains("unknown scenario 'nope'") && e.getMessage().contains("tiny-map"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new BenchOptions(Mode.QUICK, List.of(), List.of("gpu"), 0, 0, true, null));
        assertTrue(e.getMessage().contains("unknown model 'gpu'"));
    }

    @Test
    void theMillionSleepsRunOnlyWhenNamed() {
        List<String> quick = BenchOptions.of(Mode.QUICK).selectedScenarios().stream().map(Scenario::name).toList();
        List<String> full = BenchOptions.of(Mode.FULL).selectedScenarios().stream().map(Scenario::name).toList();
        assertFalse(quick.contains("sleeps-1m"));
        assertFalse(full.contains("sleeps-1m"));
        assertEquals(List.of("sleeps-1m"), new BenchOptions(Mode.FULL, List.of("sleeps-1m"), List.of(), 0, 0, true, null)
                .selectedScenarios().stream().map(Scenario::name).toList());
        assertTrue(quick.containsAll(List.of("tiny-map", "tiny-submit", "primes", "sleeps", "handoff")));
    }

    @Test
    void hundredThousandSleepsRunByDefaultInFullModeOnly() {
        List<String> quick = BenchOptions.of(Mode.QUICK).selectedScenarios().stream().map(Scenario::name).toList();
        List<String> full = BenchOptions.of(Mode.FULL).selectedScenarios().stream().map(Scenario::name).toList();
        assertFalse(quick.contains("sleeps-100k"));
        assertTrue(full.contains("sleeps-100k"));
        assertTrue(quick.containsAll(List.of("factorials", "mean-column")));
    }

    @Test
    void jsonRoundTrips() {
        Object v = Json.parse(Json.write(Map.of("a", List.of(1L, 2.5, "x\"y\n", true), "b", Double.NaN)));
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1L, 2.5, "x\"y\n", true), m.get("a"));
        assertNull(m.get("b"));
        assertEquals(new java.math.BigInteger("123456789012345678901234"), Json.parse("123456789012345678901234"));
        for (String bad : List.of("{\"a\":1} x", "{\"a\":", "", "[1,]")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
        }
    }

    @Test
    void aCommonModelThatDoesNotApplyIsShownWithItsReason() {
        BenchOptions o = new BenchOptions(Mode.QUICK, List.of("sleeps"), List.of("direct", "virtual"), 1, 50, false, null);
        BenchReport report = new BenchRunner(o).run();
        List<ModelResult> rows = report.scenarios().getFirst().results();
        assertEquals(List.of("virtual", "direct"), rows.stream().map(r -> r.model().id()).toList());
        ModelResult direct = rows.get(1);
        assertEquals(ModelResult.Status.NOT_APPLICABLE, direct.status());
        assertTrue(direct.message().contains("N/cores x 100 ms"), direct.message());
        assertTrue(report.allCorrect(), "not applicable is not a failure");
        assertTrue(report.toTable().contains("NOT_APPLICABLE: a sleep per task"), report.toTable());
    }

    @Test
    void everyScenarioRunsOrExplainsEveryCommonModel() {
        for (Scenario s : Scenarios.all()) {
            for (Model m : NotApplicable.COMMON) {
                if (!s.models().contains(m)) {
                    String why = NotApplicable.reason(s, m);
                    assertFalse(why.equals("not a way to run this workload"), s.name() + " / " + m.id() + " needs a reason");
                }
            }
        }
    }
}
