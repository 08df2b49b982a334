package io.tandem.cli;

import io.tandem.examples.Catalog;
import io.tandem.examples.Example;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tandem examples}: lists the runnable ports of the seed articles' examples, runs one by name,
 * or runs them all ({@code --all}). Output goes to the command line's out and err writers, so tests see
 * exactly what a user sees. Exit codes: 0 when every example ran, 1 when one failed, 2 for an unknown
 * name or contradictory arguments.
 */
@Command(name = "examples",
        description = {"Runs the seed articles' examples, ported to Java and Tandem (offline).",
                "Without arguments, lists them; with NAME, runs that one; with --all, runs every one."})
final class ExamplesCommand implements Callable<Integer> {
    static final int UNKNOWN = 2;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the example to run (see the list)")
    String name;

    @Option(names = "--all", description = "run every example, one after another")
    boolean all;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (all && name != null) {
            err.println("tandem examples: give an example NAME or --all, not both");
            return UNKNOWN;
        }
        if (all) {
            return runAll(out, err, CliErrors.verbose(spec.commandLine()));
        }
        if (name == null) {
            list(out);
            return 0;
        }
        Optional<Example> example = Catalog.find(name);
        if (example.isEmpty()) {
            err.println("tandem examples: unknown example '" + CliErrors.oneLine(name) + "'; known: " + Catalog.names());
            return UNKNOWN;
        }
        return run(example.get(), out, err, CliErrors.verbose(spec.commandLine()));
    }

    private static void list(PrintWriter out) {
        List<Example> examples = Catalog.all();
        int nameWidth = Math.max(4, examples.stream().mapToInt(e -> e.name().length()).max().orElse(0));
        int seedWidth = Math.max(4, examples.stream().mapToInt(e -> e.seed().length()).max().orElse(0));
        String row = "%-" + nameWidth + "s  %-" + seedWidth + "s  %s%n";
        out.printf(row, "NAME", "SEED", "DESCRIPTION");
        for (Example e : examples) {
            out.printf(row, e.name(), e.seed(), e.description());
        }
        out.println();
        out.println("Run one with: tandem examples NAME   (or all with: tandem examples --all)");
        out.flush();
    }

    private static int runAll(PrintWriter out, PrintWriter err, boolean verbose) {
        int failures = 0;
        for (Example e : Catalog.all()) {
            out.println("== " + e.name() + " (seed " + e.seed() + "): " + e.description());
            failures += run(e, out, err, verbose) == 0 ? 0 : 1;
            out.println();
        }
        out.flush();
        if (failures > 0) {
            err.println(failures + " example(s) failed");
            return 1;
        }
        return 0;
    }

    private static int run(Example example, PrintWriter out, PrintWriter err, boolean verbose) {
        try (PrintStream stream = new PrintStream(new LineWriterStream(out), true, StandardCharsets.UTF_8)) {
            example.main().run(stream);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("example " + example.name() + " was interrupted");
            return 1;
        } catch (Exception e) {
            err.println("example " + example.name() + " failed: " + CliErrors.oneLine(String.valueOf(e))
                    + (verbose ? "" : " (--verbose shows the stack trace)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
