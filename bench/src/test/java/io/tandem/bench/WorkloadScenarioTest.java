package io.tandem.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --workload}: a user's class raced under every model in child JVMs (and worker JVMs), its answers
 * checked against a plain loop, and every mistake a user can make reported clearly before anything runs.
 */
class WorkloadScenarioTest {

    private static BenchReport race(Scenario workload, String childClasspath, List<String> models) {
        BenchOptions o = new BenchOptions(Mode.QUICK, List.of(), models, 1, 0, true, null, workload, childClasspath);
        return new BenchRunner(o).run();
    }

    @Test
    void aWorkloadOnTheClassPathGivesThePlainLoopsAnswerUnderEveryModel() {
        Scenario s = Scenarios.workload(TestWorkloads.Squares.class.getName(), List.of());
        assertEquals("workload:" + TestWorkloads.Squares.class.getName(), s.name());
        assertEquals(40, s.size(Mode.QUICK));
        Object expected = s.expected(40);
        assertTrue(String.valueOf(expected).startsWith("40 results, sha256 "), String.valueOf(expected));
        for (Model m : s.models()) {
            ModelResult r = Measure.inProcess(s, m, 40, RunPlan.exactly(1), expected);
            assertEquals(ModelResult.Status.OK, r.status(), m.id() + ": " + r.message());
        }
        assertEquals(s.expected(7), Measure.inProcess(s, Model.VIRTUAL, 7, RunPlan.exactly(1), s.expected(7)).answer(),
                "--size N runs the first N items");
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "no worker left");
    }

    @Test
    void aWorkloadCompiledElsewhereIsLoadedFromClasspathInTheHarnessTheChildAndTheWorkers(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/demo/Words.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package demo;
                import io.tandem.bench.Workload;
                import java.util.List;
                public final class Words implements Workload<String, Integer> {
                    public List<String> items() { return List.of("alpha", "beta", "gamma", "delta"); }
                    public Integer run(String w) { return w.length() * 31 + w.charAt(0); }
                }
                """);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertEquals(0, rc, "javac");
        assertThrows(IllegalArgumentException.class, () -> Scenarios.workload("demo.Words", List.of()),
                "not on the harness's own class path");
        Scenario s = Scenarios.workload("demo.Words", List.of(classes));
        BenchReport report = race(s, classes.toString(), List.of("direct", "process"));
        for (ModelResult r : report.scenarios().getFirst().results()) {
            assertEquals(ModelResult.Status.OK, r.status(), r.model().id() + ": " + r.message());
            assertTrue(r.peakRssMb() > 0, "ran in its own child JVM");
        }
        assertTrue(report.scenarios().getFirst().winner().isPresent());
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "no child JVM or worker left");
    }

    @Test
    void resultsThatDifferFromThePlainLoopAreWrong() {
        Scenario s = Scenarios.workload(TestWorkloads.DiffersPerJvm.class.getName(), List.of());
        BenchReport report = race(s, "", List.of("direct"));
        ModelResult r = report.scenarios().getFirst().results().getFirst();
        assertEquals(ModelResult.Status.WRONG, r.status(), r.message());
        assertTrue(r.seconds().isEmpty());
        assertTrue(!report.allCorrect());
    }

    @Test
    void mistakesAreReportedBeforeAnythingRuns(@TempDir Path dir) {
        String prefix = TestWorkloads.class.getName() + "$";
        assertMessage("workload class com.example.Missing not found (give the jar or classes directory that holds it with --classpath)",
                () -> Scenarios.workload("com.example.Missing", List.of()));
        assertMessage("does not implement io.tandem.bench.Workload", () -> Scenarios.workload(prefix + "NotAWorkload", List.of()));
        assertMessage("has no items", () -> Scenarios.workload(prefix + "NoItems", List.of()));
        assertMessage("failed in prepare() or items(): java.lang.IllegalStateException: model file weights.bin is missing",
                () -> Scenarios.workload(prefix + "FailingPrepare", List.of()));
        assertMessage("--classpath entry " + dir.resolve("nope.jar") + " does not exist",
                () -> Scenarios.workload(prefix + "Squares", List.of(dir.resolve("nope.jar"))));
        assertMessage("--classpath needs a child JVM per model", () -> new BenchOptions(Mode.QUICK, List.of(), List.of(), 1, 0,
                false, null, Scenarios.workload(prefix + "Squares", List.of()), dir.toString()));
        assertMessage("drop --scenario", () -> new BenchOptions(Mode.QUICK, List.of("primes"), List.of(), 1, 0,
                true, null, Scenarios.workload(prefix + "Squares", List.of()), ""));
    }

    @Test
    void aFailingItemFailsTheModelAndNamesTheItem() {
        System.setProperty("tandem.test.fail", "true");
        try {
            Scenario s = Scenarios.workload(TestWorkloads.FailsOnSeven.class.getName(), List.of());
            ModelResult r = Measure.inProcess(s, Model.THREADS, 10, RunPlan.exactly(1), "unused");
            assertEquals(ModelResult.Status.FAILED, r.status());
            assertTrue(r.message().contains("cannot handle 7"), r.message());
        } finally {
            System.clearProperty("tandem.test.fail");
        }
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
