package io.tandem.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The programs harness judges what whole processes print: agreeing answers are timed, a disagreeing one
 * is WRONG, a crash is FAILED with its stderr, and noise is reported beside the time, in every report
 * format. The stand-in programs ({@link ProgramStubs}) are plain {@code main}s started as real processes.
 * No wall-clock assertions.
 */
class ProgramRaceTest {
    private static final int SIZE = 3;

    private static List<String> java(String mainClass) {
        return List.of(ProgramCommands.java().toString(), "-cp", System.getProperty("java.class.path"), mainClass);
    }

    private static ProgramScenario scenario(Class<?> tandemMain) {
        return new ProgramScenario("program-stub", "a stand-in program", "items", SIZE, SIZE, true, 5,
                "programs/none.py", tandemMain.getName(), ProgramStubs::answer, false);
    }

    /** Races the stub {@code python} (started as the Python side) against {@code tandem}, two runs each. */
    private static ScenarioResult race(Class<?> python, Class<?> tandem, String pythonUnavailable) {
        ProgramScenario s = scenario(tandem);
        ProgramCommands commands = new ProgramCommands(x -> java(python.getName()), x -> java(x.mainClass()),
                pythonUnavailable);
        List<ModelResult> results = ProgramRace.run(s, s.models(), SIZE, s.expected(SIZE), new ProgramRace.Plan(2, 2, 0),
                commands);
        return new ScenarioResult(s, SIZE, results);
    }

    private static BenchReport report(ScenarioResult s) {
        return new BenchReport(Mode.QUICK, Machine.current(null), List.of(s));
    }

    private static ModelResult tandem(ScenarioResult s) {
        return s.results().stream().filter(r -> r.model().equals(Model.TANDEM_PROGRAM)).findFirst().orElseThrow();
    }

    private static ModelResult python(ScenarioResult s) {
        return s.results().stream().filter(r -> r.model().equals(Model.PYTHON_PROGRAM)).findFirst().orElseThrow();
    }

    @Test
    void agreeingQuietProgramsAreTimedAlternatelyAndJudgedAgainstTheGoal() {
        ScenarioResult s = race(ProgramStubs.Right.class, ProgramStubs.Right.class, null);
        for (ModelResult r : s.results()) {
            assertEquals(ModelResult.Status.OK, r.status(), r.message());
            assertEquals(2, r.seconds().size());
            assertEquals("answer 3", r.answer());
            assertEquals("", r.message(), "a quiet program has no note");
        }
        ProgramVerdict v = ProgramVerdict.of(s).orElseThrow();
        assertTrue(v.met().isPresent(), "both sides timed: the goal can be judged");
        assertEquals(1.0, v.goal(), "a stub takes well under a second of Python");
        assertEquals("", v.noise());
        assertTrue(report(s).allCorrect());
        assertTrue(s.advice().startsWith("Tandem's program"), s.advice());
    }

    @Test
    void aDisagreeingAnswerIsWrongAndNotTimed() {
        ScenarioResult s = race(ProgramStubs.Right.class, ProgramStubs.Wrong.class, null);
        assertEquals(ModelResult.Status.OK, python(s).status());
        ModelResult t = tandem(s);
        assertEquals(ModelResult.Status.WRONG, t.status());
        assertEquals("answer answer 4, expected answer 3", t.message());
        assertTrue(t.seconds().isEmpty(), "a wrong answer is never timed");
        BenchReport report = report(s);
        assertFalse(report.allCorrect());
        assertTrue(report.toTable().contains("WRONG: answer answer 4"), report.toTable());
        assertEquals("Tandem WRONG", ProgramVerdict.of(s).orElseThrow().metText());
    }

    @Test
    void aCrashingProgramFailsWithTheTailOfItsStderr() {
        ScenarioResult s = race(ProgramStubs.Crash.class, ProgramStubs.Right.class, null);
        ModelResult p = python(s);
        assertEquals(ModelResult.Status.FAILED, p.status());
        assertTrue(p.message().startsWith("exit status 3 (run 1): "), p.message());
        assertTrue(p.message().contains("IllegalStateException: boom, the port crashed"), p.message());
        assertEquals(ModelResult.Status.OK, tandem(s).status(), "the other side goes on");
        assertEquals(2, tandem(s).seconds().size());
        assertFalse(report(s).allCorrect());
        assertEquals("Python FAILED", ProgramVerdict.of(s).orElseThrow().metText());
    }

    @Test
    void noiseIsReportedInEveryFormatWithoutFailingTheRun() {
        ScenarioResult s = race(ProgramStubs.Right.class, ProgramStubs.Noisy.class, null);
        ModelResult t = tandem(s);
        assertEquals(ModelResult.Status.OK, t.status());
        assertEquals("answer 3", t.answer(), "the answer line, though a log line came after it");
        assertTrue(t.message().startsWith("noise (2 of 2 runs, 3 distinct lines): "), t.message());
        assertTrue(t.message().contains("WARNING: A terminally deprecated method in sun.misc.Unsafe has been called"), t.message());
        assertTrue(t.message().contains("[0.012s][warning][cds] a log line on stdout"), t.message());
        assertTrue(t.message().contains("[worker-1] WARN CodeGenerator"), t.message());
        assertEquals("", python(s).message());

        ProgramVerdict v = ProgramVerdict.of(s).orElseThrow();
        assertTrue(v.noise().startsWith("Tandem noise"), v.noise());
        BenchReport report = report(s);
        assertTrue(report.allCorrect(), "noise is a bug to show, not a failure");
        assertTrue(report.toTable().contains("== programs:"), report.toTable());
        assertTrue(report.toTable().contains("Tandem noise (2 of 2 runs"), report.toTable());
        assertTrue(report.toMarkdown().contains("| program-stub | 3 |"), report.toMarkdown());
        String html = HtmlReport.render(report);
        assertTrue(html.contains(">Programs</h2>") && html.contains("sun.misc.Unsafe"), "the programs section, noise included");
        assertTrue(s.advice().contains("sun.misc.Unsafe"), s.advice());

        Map<?, ?> root = assertInstanceOf(Map.class, Json.parse(report.toJson()));
        List<?> programs = assertInstanceOf(List.class, root.get("programs"));
        Map<?, ?> p = assertInstanceOf(Map.class, programs.getFirst());
        assertEquals("program-stub", p.get("name"));
        assertEquals("OK", p.get("tandem_status"));
        assertTrue(((String) p.get("noise")).contains("sun.misc.Unsafe"), p.toString());
        assertInstanceOf(Boolean.class, p.get("met"));
    }

    @Test
    void withoutPythonThePythonSideIsSkippedAndNoRatioIsClaimed() {
        ScenarioResult s = race(ProgramStubs.Right.class, ProgramStubs.Right.class, "python3 not found");
        assertEquals(ModelResult.Status.SKIPPED, python(s).status());
        assertEquals("python3 not found", python(s).message());
        assertEquals(ModelResult.Status.OK, tandem(s).status());
        ProgramVerdict v = ProgramVerdict.of(s).orElseThrow();
        assertTrue(v.met().isEmpty());
        assertEquals("Python SKIPPED", v.metText());
        assertTrue(report(s).allCorrect(), "skipped is not a failure");
    }

    @Test
    void quickAndFullPlansFollowTheModeAndRunsOverridesThem() {
        Scenario s = scenario(ProgramStubs.Right.class);
        assertEquals(new ProgramRace.Plan(1, 3, ProgramRace.QUICK_BUDGET_SECONDS),
                ProgramRace.Plan.of(new BenchOptions(Mode.QUICK, List.of(), List.of(), 0, 0, true, null), s));
        assertEquals(new ProgramRace.Plan(3, 5, ProgramRace.FULL_BUDGET_SECONDS),
                ProgramRace.Plan.of(new BenchOptions(Mode.FULL, List.of(), List.of(), 0, 0, true, null), s));
        assertEquals(new ProgramRace.Plan(4, 4, 0),
                ProgramRace.Plan.of(new BenchOptions(Mode.FULL, List.of(), List.of(), 4, 0, true, null), s));
    }
}
