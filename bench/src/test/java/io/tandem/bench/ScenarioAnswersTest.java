package io.tandem.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario's answer under every model, on a tiny size: the correctness half of the benchmark.
 * Python models are checked when {@code python3} exists and must say "not found" otherwise.
 */
class ScenarioAnswersTest {
    private static final int TINY = 1_000;
    private static PythonBaselines python;

    @BeforeAll
    static void extractPython() {
        python = new PythonBaselines();
    }

    @AfterAll
    static void deletePython() {
        python.close();
        Scenarios.all().forEach(Scenario::close);
    }

    static int tinySize(Scenario s) {
        return switch (s) {
            case SleepsScenario ignored -> 200;
            case SpawnScenario ignored -> 2;
            case RecoveryScenario ignored -> 1;
            case ClusterScenarios.Ready ignored -> 1;   // pools started per run, each a few seconds
            case TinyProcessScenario ignored -> 200;
            case ProcessRoundTripScenario ignored -> 200;
            case MeanColumnScenario ignored -> 100_003;   // chunks of unequal length, not whole periods
            case RowsScenario ignored -> 100_003;         // a 1.4 MB rows file, generated once into the bench cache
            // every page costs a real latency on the local server; a few cover the models' logic
            case DownloadScenario ignored -> 12;
            case FetchParseScenario ignored -> 6;
            default -> TINY;
        };
    }

    @TestFactory
    List<DynamicTest> everyModelOfEveryScenarioGivesTheExpectedAnswer() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario s : Scenarios.all()) {
            if (s instanceof ProgramScenario) {
                continue;   // whole programs: ProgramAnswersTest runs them as processes
            }
            for (Model m : s.models()) {
                boolean last = m.equals(s.models().getLast());
                tests.add(DynamicTest.dynamicTest(s.name() + " / " + m.id(), () -> {
                    try {
                        check(s, m);
                    } finally {
                        // as BenchRunner does: what the scenario shares between models (a local server)
                        // stops after its last model, so no server thread outlives the test factory
                        if (last) {
                            s.close();
                        }
                    }
                }));
            }
        }
        return tests;
    }

    private static void check(Scenario s, Model m) throws Exception {
        int size = tinySize(s);
        Object expected = s.expected(size);
        if (m.isPython()) {
            if (!python.available()) {
                assertEquals("python3 not found", python.unavailableReason());
                return;
            }
            PythonBaselines.Run r = python.run(s.pythonScript(), s.pythonApproach(m), size, 1, Double.POSITIVE_INFINITY,
                    s.pythonEnv(size));
            assertEquals(String.valueOf(expected), String.valueOf(r.answer()), s.name() + " / " + m.id());
            assertEquals(1, r.seconds().size());
            assertTrue(r.peakRssMb() > 0, "Python reports its peak RSS");
            return;
        }
        ModelResult r = Measure.inProcess(s, m, size, RunPlan.exactly(1), expected);
        assertEquals(ModelResult.Status.OK, r.status(), r.message());
        if (s.deviation(m, expected, r.answer()) == null) {
            assertEquals(String.valueOf(expected), String.valueOf(r.answer()));
        } else {
            // wrong by design (the unsafe counter): a count that can only lose updates, never invent them
            long counted = Long.parseLong(String.valueOf(r.answer()));
            assertTrue(counted > 0 && counted <= Long.parseLong(String.valueOf(expected)), r.answer() + " of " + expected);
        }
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive),
                "every worker and child JVM is stopped after a model's runs");
        assertEquals(1, r.seconds().size());
    }

    @TestFactory
    List<DynamicTest> expectedAnswersAreRightOnSmallCases() {
        return List.of(
                DynamicTest.dynamicTest("sum of squares", () -> {
                    long sum = 0;
                    for (long x = 0; x < 1000; x++) {
                        sum += x * x;
                    }
                    assertEquals(sum, Workloads.sumOfSquares(1000));
                }),
                DynamicTest.dynamicTest("primes: sieve equals trial division", () -> {
                    assertEquals(2L + 3 + 5 + 7, Workloads.sumPrimesSieve(10));
                    assertEquals(Workloads.sumPrimes(0, 10_000), Workloads.sumPrimesSieve(10_000));
                }),
                DynamicTest.dynamicTest("factorials: the modular loop equals BigInteger n! mod P", () -> {
                    for (int n : new int[] {0, 1, 2, 13, 20, 21, 500}) {
                        assertEquals(Workloads.factorialModP(n), Workloads.factorialModLoop(n), "n = " + n);
                    }
                    assertEquals(List.of(375, 750, 1125, 1500), Workloads.spread(1500, 4));
                }),
                DynamicTest.dynamicTest("mean-column: column sum and half-even mean string", () -> {
                    long sum = 0;
                    for (long i = 0; i < 5_000; i++) {
                        sum += Workloads.columnValue(i);
                    }
                    assertEquals(sum, Workloads.columnSum(5_000));
                    assertEquals("0.125000", Workloads.mean6(1, 8));
                    assertEquals("0.000000", Workloads.mean6(5, 10_000_000));   // exact tie, 0 is even
                    assertEquals("0.000002", Workloads.mean6(15, 10_000_000));  // exact tie, 2 is even
                    assertEquals("504.000000", Workloads.mean6(504, 1));
                }),
                DynamicTest.dynamicTest("ranges cover [0, n) without gaps", () -> {
                    List<long[]> r = Workloads.ranges(1001, 8);
                    assertEquals(0, r.getFirst()[0]);
                    assertEquals(1001, r.getLast()[1]);
                    for (int i = 1; i < r.size(); i++) {
                        assertEquals(r.get(i - 1)[1], r.get(i)[0]);
                    }
                }));
    }
}
