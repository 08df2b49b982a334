package io.tandem.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every program pair of the programs group, run for real as whole processes at a tiny size: the Tandem
 * port must print the expected answer, and so must the Python original where {@code python3} exists
 * (else it is SKIPPED). Noise is allowed here (it is reported, not failed); times are not checked.
 * Each distinct program runs once (the "-big" scenarios reuse their program at a larger size).
 */
class ProgramAnswersTest {
    private static PythonBaselines python;

    @BeforeAll
    static void extractPython() {
        python = new PythonBaselines();
    }

    @AfterAll
    static void cleanUp() {
        python.close();
        Programs.all().forEach(Scenario::close);
    }

    static int tinySize(Scenario s) {
        return switch (s.name()) {
            case "program-pool-squares" -> 10;
            case "program-primes" -> 1_000;
            case "program-chunk-means" -> 1_003;        // ten chunks and a short eleventh
            case "program-value-counter" -> 100;
            case "program-gather" -> 100;
            case "program-threadpool-fetch", "program-asyncio-fetch" -> 10;
            case "program-process-queue" -> 100;
            case "program-fetch-parse" -> 3;
            default -> 1_000;
        };
    }

    @TestFactory
    List<DynamicTest> everyProgramPairPrintsTheExpectedAnswer() {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Scenario s : Programs.all()) {
            ProgramScenario p = (ProgramScenario) s;
            if (!seen.add(p.mainClass())) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(s.name(), () -> check(p)));
        }
        return tests;
    }

    private static void check(ProgramScenario s) {
        int size = tinySize(s);
        Object expected = s.expected(size);
        try {
            List<ModelResult> results = ProgramRace.run(s, s.models(), size, expected, new ProgramRace.Plan(1, 1, 0),
                    ProgramCommands.of(python));
            for (ModelResult r : results) {
                if (r.model().isPython() && !python.available()) {
                    assertEquals(ModelResult.Status.SKIPPED, r.status(), r.message());
                    continue;
                }
                assertEquals(ModelResult.Status.OK, r.status(), s.name() + " / " + r.model().id() + ": " + r.message());
                assertEquals(String.valueOf(expected), String.valueOf(r.answer()), s.name() + " / " + r.model().id());
            }
        } finally {
            s.close();
        }
    }

    @Test
    void everyProgramScenarioIsListedWithBothModelsAndAPythonOriginal() {
        for (Scenario s : Programs.all()) {
            assertTrue(Scenarios.byName(s.name()).isPresent(), s.name());
            assertEquals(List.of(Model.PYTHON_PROGRAM, Model.TANDEM_PROGRAM), s.models());
            assertTrue(PythonBaselines.SCRIPTS.contains(s.pythonScript()), s.pythonScript());
        }
    }

    @Test
    void theExpectedAnswersAreRightOnKnownValues() {
        assertEquals("10 squares, sum 285", Programs.squares(10));
        assertEquals("Found 9592 prime numbers", Programs.primes(100_000));
        assertEquals("Results: [0.5, 2.5, 4.5, 6.5, 8.5, 10.5, 12.5, 14.5, 16.5, 18.5, 20.0]", Programs.chunkMeans(21));
    }
}
