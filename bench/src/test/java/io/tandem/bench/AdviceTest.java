package io.tandem.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The advice follows from the numbers: the same rules read CPU-bound, waiting and no-gain tables differently. */
class AdviceTest {
    private static final Scenario S = new Scenario() {
        @Override
        public String name() {
            return "synthetic";
        }

        @Override
        public String description() {
            return "made-up numbers";
        }

        @Override
        public String unit() {
            return "items";
        }

        @Override
        public int size(Mode mode) {
            return 100;
        }

        @Override
        public List<Model> models() {
            return List.of();
        }

        @Override
        public Object expected(int size) {
            return 0;
        }

        @Override
        public Object run(Model model, int size) {
            throw new UnsupportedOperationException("a table of made-up numbers: nothing to run");
        }
    };

    /** A result with a median of {@code seconds} and {@code cpu} share of all cores. */
    private static ModelResult r(Model m, double seconds, double cpu) {
        return ModelResult.ok(m, List.of(seconds * 0.95, seconds, seconds * 1.05), 0, Double.NaN, cpu);
    }

    private static ScenarioResult table(ModelResult... rows) {
        return new ScenarioResult(S, 100, List.of(rows));
    }

    private static final int CORES = Workloads.cores();

    @Test
    void cpuBoundWorkRecommendsThreadsAndSaysWhy() {
        ScenarioResult s = table(r(Model.DIRECT, 1.0, 1.0 / CORES), r(Model.THREADS, 1.0 / CORES * 1.05, 0.98),
                r(Model.VIRTUAL, 1.0 / CORES * 1.3, 0.97), r(Model.PROCESS, 1.0 / CORES * 1.6, 0.9),
                r(Model.PY_SEQUENTIAL, 40, 1.0 / CORES));
        if (CORES < 2) {
            assertTrue(s.advice().startsWith("Stay sequential"), s.advice());
            return;
        }
        assertEquals("threads", s.winner().orElseThrow().model().id());
        String a = s.advice();
        assertTrue(a.startsWith("Use threads (Pools.threads()"), a);
        assertTrue(a.contains("CPU-bound (sequential kept 100% of a core busy)"), a);
        assertTrue(a.contains("platform threads 1.24x faster than virtual threads"), a);
        assertTrue(a.contains("worker processes (process) 1.52x slower than threads in one JVM"), a);
        assertTrue(a.contains("faster than the best Python (py-sequential)"), a);
    }

    @Test
    void waitingWorkRecommendsVirtualThreads() {
        ScenarioResult s = table(r(Model.DIRECT, 10.0, 0.01), r(Model.THREADS, 5.0, 0.02), r(Model.VIRTUAL, 0.11, 0.2),
                r(Model.JDK_VIRTUAL, 0.105, 0.2), r(Model.PY_ASYNCIO, 0.3, 0.3));
        assertEquals("jdk-virtual", s.winner().orElseThrow().model().id());
        String a = s.advice();
        assertTrue(a.startsWith("Use virtual (Pools.virtual()), within 5% of the fastest, jdk-virtual"), a);
        assertTrue(a.contains("the work waits (sequential used " + Math.round(100 * 0.01 * CORES) + "% of a core)"), a);
        assertTrue(a.contains("virtual threads 45x faster than platform threads"), a);
        assertTrue(a.contains("2.73x faster than the best Python (py-asyncio)"), a);
    }

    @Test
    void aMuchFasterJdkModelIsRecommendedOverTandem() {
        ScenarioResult s = table(r(Model.DIRECT, 1.0, 0.5), r(Model.THREADS, 0.8, 0.5), r(Model.JDK_FORKJOIN, 0.5, 0.9));
        assertTrue(s.advice().startsWith("Use jdk-forkjoin (new ForkJoinPool(cores))"), s.advice());
    }

    @Test
    void noGainMeansStaySequential() {
        ScenarioResult s = table(r(Model.DIRECT, 1.0, 0.5), r(Model.THREADS, 0.95, 0.5), r(Model.VIRTUAL, 1.2, 0.5));
        assertTrue(s.advice().startsWith("Stay sequential (direct): no model beat it by more than 15%"), s.advice());
    }

    @Test
    void aModelThatIsWrongByDesignIsReportedButNeverWins() {
        List<ModelResult> rows = new ArrayList<>();
        rows.add(ModelResult.ok(Model.UNSAFE, List.of(0.01), 3, Double.NaN, 1.0, "lost 97 updates"));
        rows.add(r(Model.JDK_ATOMIC, 0.1, 1.0));
        rows.add(r(Model.JDK_ADDER, 0.05, 1.0));
        ScenarioResult s = new ScenarioResult(S, 100, rows);
        assertEquals("jdk-adder", s.winner().orElseThrow().model().id());
        assertTrue(s.advice().contains("unsafe lost 97 updates: it is fast because it is wrong"), s.advice());
    }

    @Test
    void withoutAnyRightAnswerThereIsNoWinner() {
        ScenarioResult s = new ScenarioResult(S, 100, List.of(Measure.wrong(Model.THREADS, 1, 2),
                ModelResult.notTimed(Model.PY_POOL, ModelResult.Status.SKIPPED, null, "python3 not found")));
        assertTrue(s.winner().isEmpty());
        assertEquals("No model finished with the right answer: see the statuses above.", s.advice());
        assertFalse(s.advice().contains("Use"));
    }

    @Test
    void theUnlockedCounterNeverWinsEvenWhenItGotLucky() {
        Scenario counter = Scenarios.byName("counter").orElseThrow();
        ScenarioResult s = new ScenarioResult(counter, 100, List.of(r(Model.UNSAFE, 0.001, 1.0), r(Model.JDK_ADDER, 0.002, 1.0)));
        assertEquals("jdk-adder", s.winner().orElseThrow().model().id());
        assertTrue(s.advice().contains("unsafe lost no updates in these runs, but nothing stops it from losing them"), s.advice());
    }

    @Test
    void aRawBaselineIsTheFloorNotARecommendation() {
        ScenarioResult s = table(r(Model.PROCESS, 0.2, 0.5), r(Model.RAW_JVM, 0.15, 0.5));
        assertEquals("process", s.winner().orElseThrow().model().id());
        String a = s.advice();
        assertTrue(a.startsWith("Use process (ProcessPool of worker JVMs)"), a);
        assertTrue(a.contains("process takes 1.33x the time of the raw baseline raw-jvm (150.0 ms)"), a);
        assertEquals("raw child JVMs", Advice.shortDescription(Model.RAW_JVM));
    }

    @Test
    void beatingSequentialByMoreThanTheCoresMeansWaitingWhateverTheCpu() {
        ScenarioResult s = table(r(Model.DIRECT, 10.0, 0.4), r(Model.VIRTUAL, 0.1, 0.5));
        assertTrue(s.advice().contains("the work waits (sequential used"), s.advice());
    }

    @Test
    void aPythonWinnerIsReportedButAJavaModelIsRecommended() {
        ScenarioResult s = table(r(Model.DIRECT, 0.17, 0.1), r(Model.VIRTUAL, 0.023, 0.4), r(Model.JDK_VIRTUAL, 0.0176, 0.3),
                r(Model.PY_ASYNCIO, 0.0153, 0.1));
        assertEquals("py-asyncio", s.winner().orElseThrow().model().id());
        String a = s.advice();
        assertTrue(a.startsWith("Use jdk-virtual (Executors.newVirtualThreadPerTaskExecutor()), 15% slower than the fastest, py-asyncio"), a);
        assertTrue(a.contains("the best Python (py-asyncio) was 1.15x faster"), a);
    }
}
