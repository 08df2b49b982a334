package io.tandem.cli;

import io.tandem.examples.Catalog;
import io.tandem.examples.Example;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@code tandem examples} exactly as a user does, through {@link Main#commandLine()}. */
class ExamplesCommandTest {

    /** What one run of the command printed and returned. */
    private record Result(int exitCode, String out, String err) {
    }

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void withoutArgumentsListsEveryExample() {
        Result r = execute("examples");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().findFirst().orElseThrow().matches("NAME\\s+SEED\\s+DESCRIPTION"), r.out());
        for (Example e : Catalog.all()) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches(e.name() + "\\s+" + e.seed().replace("+", "\\+") + "\\s+.+")),
                    "the list should have a row for " + e.name() + ":\n" + r.out());
        }
    }

    @Test
    void anUnknownNameExitsWithTwoAndNamesTheKnownOnes() {
        Result r = execute("examples", "no-such-example");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown example 'no-such-example'; known: " + Catalog.names()), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aNameAndAllTogetherAreRefused() {
        Result r = execute("examples", "--all", "factorials");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("not both"), r.err());
    }

    @Test
    void aNameRunsThatExample() {
        Result r = execute("examples", "threadpool-map");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch("All workers completed"::equals), r.out());
    }

    @Test
    void allRunsEveryExample() {
        Result r = execute("examples", "--all");
        assertEquals(0, r.exitCode(), r.err());
        for (Example e : Catalog.all()) {
            assertTrue(r.out().contains("== " + e.name() + " (seed " + e.seed() + "): "), "missing " + e.name() + ":\n" + r.out());
        }
    }
}
