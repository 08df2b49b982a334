package io.tandem.cli;

import io.tandem.bench.BenchOptions;
import io.tandem.bench.BenchReport;
import io.tandem.bench.BenchRunner;
import io.tandem.bench.Mode;
import io.tandem.bench.Model;
import io.tandem.bench.Scenario;
import io.tandem.bench.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tandem bench}: every scenario under every model, side by side with the seeds' Python, with a
 * correctness check of every answer. Progress goes to stderr, tables (or JSON) to stdout. Exit status:
 * 0 when every model that ran was right, 1 when one was WRONG or FAILED, 2 for a malformed command line.
 */
@Command(name = "bench",
        description = {"Measure workloads under Tandem pools, plain JDK executors and the seeds' Python approaches.",
                "Every answer is checked; a wrong one is reported WRONG and not timed."},
        mixinStandardHelpOptions = true,
        footer = {"", "Scenarios: tiny-map, tiny-submit, primes, sleeps, sleeps-1m, handoff (channel scenario models follow Channel).",
                "Models: direct, threads, virtual, scope, jdk-forkjoin, jdk-fixed, jdk-virtual, jdk-abq, jdk-ltq,",
                "  py-sequential, py-threads, py-pool, py-processes, py-asyncio, py-queue (each scenario uses those that fit).",
                "Examples:", "  tandem bench --quick", "  tandem bench --scenario primes --models direct,threads,py-processes --runs 5",
                "  tandem bench --quick --json > bench.json"})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Small sizes and 3 runs: the whole run takes under a minute on 2 cores.")
    boolean quick;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Run only this scenario (repeatable). Default: all that run in the mode (sleeps-1m only when named).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--models", paramLabel = "LIST", split = ",",
            description = "Comma-separated model ids to run (default: every model of each scenario).")
    List<String> models = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs per model (default: 3 quick, 7 full).")
    Integer runs;

    @Option(names = "--size", paramLabel = "N", description = "Override every scenario's problem size (for smoke tests).")
    Integer size;

    @Option(names = "--json", description = "Print the results as one JSON document (stable field names) instead of tables.")
    boolean json;

    @Option(names = "--no-fork", description = "Run every model inside this JVM (no child JVM per model: no peak-RSS figures).")
    boolean noFork;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (runs != null && runs < 1) {
            throw new CommandLine.ParameterException(cl, "--runs must be at least 1, got " + runs);
        }
        if (size != null && size < 1) {
            throw new CommandLine.ParameterException(cl, "--size must be at least 1, got " + size);
        }
        for (String s : scenarios) {
            if (Scenarios.byName(s).isEmpty()) {
                throw new CommandLine.ParameterException(cl, "unknown scenario '" + s + "'; known: " + Scenarios.names());
            }
        }
        for (String m : models) {
            if (Model.byId(m.strip()).isEmpty()) {
                throw new CommandLine.ParameterException(cl, "unknown model '" + m + "'; known: " + modelIds());
            }
        }
        PrintWriter out = cl.getOut();
        PrintStream progress = new PrintStream(new WriterOutputStream(cl.getErr()), true);
        BenchOptions options = new BenchOptions(quick ? Mode.QUICK : Mode.FULL, scenarios,
                models.stream().map(String::strip).toList(), runs == null ? 0 : runs, size == null ? 0 : size,
                !noFork, progress);
        if (options.selectedScenarios().stream().allMatch(s -> options.selectedModels(s).isEmpty())) {
            throw new CommandLine.ParameterException(cl, "no selected scenario has any of the models " + models
                    + "; scenario models: " + scenarioModels(options.selectedScenarios()));
        }
        BenchReport report = new BenchRunner(options).run();
        out.println(json ? report.toJson() : report.toTable());
        out.flush();
        return report.allCorrect() ? 0 : 1;
    }

    private static String modelIds() {
        return String.join(", ", Model.ALL.stream().map(Model::id).toList());
    }

    private static String scenarioModels(List<Scenario> scenarios) {
        List<String> parts = new ArrayList<>();
        for (Scenario s : scenarios) {
            parts.add(s.name() + " [" + String.join(",", s.models().stream().map(Model::id).toList()) + "]");
        }
        return String.join("; ", parts);
    }

    /** Lets the runner's progress lines go to picocli's err writer (which tests capture). */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter w;
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

        WriterOutputStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            buf.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public void flush() {
            w.print(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
            w.flush();
            buf.reset();
        }
    }
}
