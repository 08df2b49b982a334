package io.tandem.cli;

import io.tandem.bench.BenchOptions;
import io.tandem.bench.BenchReport;
import io.tandem.bench.BenchRunner;
import io.tandem.bench.HtmlReport;
import io.tandem.bench.Mode;
import io.tandem.bench.Model;
import io.tandem.bench.Scenario;
import io.tandem.bench.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tandem bench}: every scenario under every model, side by side with the seeds' Python, with a
 * correctness check of every answer, a winner and a line of advice per scenario. Progress goes to stderr,
 * tables (or JSON) to stdout, and {@code --report FILE} also writes an HTML page, a Markdown summary or JSON
 * (by the file's extension). {@code --workload CLASS [--classpath PATH]} races the user's own
 * {@link io.tandem.bench.Workload}. Exit status: 0 when every model that ran was right, 1 when one was WRONG
 * or FAILED, 2 for a malformed command line (or a workload class that cannot be used).
 */
@Command(name = "bench",
        description = {"Measure workloads under Tandem pools, plain JDK executors and the seeds' Python approaches.",
                "Every answer is checked; a wrong one is reported WRONG and not timed."},
        mixinStandardHelpOptions = true,
        footer = {"", "Scenarios and their models: tandem bench --list",
                "Examples:", "  tandem bench --quick", "  tandem bench --scenario primes --models direct,threads,py-processes --runs 5",
                "  tandem bench --quick --json > bench.json", "  tandem bench --report bench.html",
                "  tandem bench --workload io.tandem.bench.samples.PasswordHashWorkload",
                "  tandem bench --workload com.example.MyWorkload --classpath my-workload.jar"})
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

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the results to FILE (repeatable): .html (self-contained page with charts), .md (summary table) or .json.")
    List<Path> reports = new ArrayList<>();

    @Option(names = "--workload", paramLabel = "CLASS",
            description = "Race your own io.tandem.bench.Workload implementation under every model instead of the built-in scenarios.")
    String workload;

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Jars or class directories holding --workload's class, separated by the platform's path separator (':' on Linux).")
    String classpath;

    @picocli.CommandLine.Mixin
    ObserveOptions observe = new ObserveOptions();

    @Option(names = "--list", description = "List the scenarios and the models of each, then exit.")
    boolean list;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (list) {
            PrintWriter out = cl.getOut();
            for (Scenario s : Scenarios.all()) {
                out.printf(Locale.ROOT, "%-14s %s%n%-14s models: %s%n", s.name(), s.description(), "",
                        String.join(", ", s.models().stream().map(Model::id).toList()));
            }
            out.flush();
            return 0;
        }
        for (Path report : reports) {
            String name = report.getFileName() == null ? "" : report.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!(name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".md") || name.endsWith(".json"))) {
                throw new CommandLine.ParameterException(cl, "--report " + report + ": the file name must end in .html, .md or .json");
            }
            Path dir = report.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new CommandLine.ParameterException(cl, "--report " + report + ": directory " + dir + " does not exist or is not writable");
            }
        }
        if (classpath != null && workload == null) {
            throw new CommandLine.ParameterException(cl, "--classpath only applies to --workload CLASS");
        }
        if (workload != null && !scenarios.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--workload races your workload only; drop --scenario");
        }
        if (workload != null && classpath != null && noFork) {
            throw new CommandLine.ParameterException(cl, "--classpath needs a child JVM per model; drop --no-fork");
        }
        if (runs != null && runs < 1) {
            throw new CommandLine.ParameterException(cl, "--runs must be at least 1, got " + runs);
        }
        if (size != null && size < 1) {
            throw new CommandLine.ParameterException(cl, "--size must be at least 1, got " + size);
        }
        for (String s : scenarios) {
            if (!Scenarios.known(s)) {
                throw new CommandLine.ParameterException(cl, "unknown scenario '" + s + "'; known: " + Scenarios.names());
            }
        }
        if (cl.getParseResult().hasMatchedOption("--models") && (models.isEmpty() || models.stream().anyMatch(String::isBlank))) {
            // ",," would otherwise select no model, which means every model: a full run nobody asked for
            throw new CommandLine.ParameterException(cl, "--models has an empty model id; known: " + modelIds());
        }
        for (String m : models) {
            if (Model.byId(m.strip()).isEmpty()) {
                throw new CommandLine.ParameterException(cl, "unknown model '" + m + "'; known: " + modelIds());
            }
        }
        PrintWriter out = cl.getOut();
        PrintStream progress = new PrintStream(new WriterOutputStream(cl.getErr()), true);
        Scenario custom = null;
        List<Path> cp = new ArrayList<>();
        if (workload != null) {
            if (classpath != null) {
                for (String p : classpath.split(File.pathSeparator)) {
                    if (!p.isBlank()) {
                        cp.add(Path.of(p.strip()));
                    }
                }
            }
            try {
                custom = Scenarios.workload(workload, cp);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }
        String childClasspath = String.join(File.pathSeparator, cp.stream().map(p -> p.toAbsolutePath().toString()).toList());
        BenchOptions options = new BenchOptions(quick ? Mode.QUICK : Mode.FULL, scenarios,
                models.stream().map(String::strip).toList(), runs == null ? 0 : runs, size == null ? 0 : size,
                !noFork, progress, custom, childClasspath);
        if (options.selectedScenarios().stream().allMatch(s -> options.selectedModels(s).isEmpty())) {
            throw new CommandLine.ParameterException(cl, "no selected scenario has any of the models " + models
                    + "; scenario models: " + scenarioModels(options.selectedScenarios()));
        }
        if ((observe.dashboard || observe.trace != null) && !noFork) {
            progress.println("tandem bench: --dashboard/--trace watch this JVM, so every model runs in it (as with --no-fork)");
        }
        BenchOptions run = observe.dashboard || observe.trace != null ? new BenchOptions(options.mode(), scenarios,
                models.stream().map(String::strip).toList(), runs == null ? 0 : runs, size == null ? 0 : size,
                false, progress, custom, childClasspath) : options;
        BenchReport result;
        try (io.tandem.dashboard.CommandObservation seen = observe.open(progress)) {
            result = new BenchRunner(run).run();
        } catch (IOException e) {
            cl.getErr().println("tandem bench: " + e.getMessage());
            cl.getErr().flush();
            return 2;
        }
        out.println(json ? result.toJson() : result.toTable());
        out.flush();
        for (Path report : reports) {
            try {
                writeReport(result, report);
                progress.println("tandem bench: wrote " + report);
            } catch (IOException e) {
                cl.getErr().println("tandem bench: could not write " + report + ": " + e.getMessage());
                cl.getErr().flush();
                return 1;
            }
        }
        return result.allCorrect() ? 0 : 1;
    }

    private static void writeReport(BenchReport result, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            HtmlReport.write(result, file);
        } else if (name.endsWith(".md")) {
            Files.writeString(file, result.toMarkdown(), StandardCharsets.UTF_8);
        } else {
            Files.writeString(file, result.toJson() + "\n", StandardCharsets.UTF_8);
        }
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
