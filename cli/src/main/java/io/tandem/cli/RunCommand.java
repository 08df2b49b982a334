package io.tandem.cli;

import io.tandem.Pools;
import io.tandem.Progress;
import io.tandem.TaskPool;
import io.tandem.graph.FailurePolicy;
import io.tandem.graph.GraphEvent;
import io.tandem.graph.GraphException;
import io.tandem.graph.GraphRun;
import io.tandem.graph.Plan;
import io.tandem.graph.RunOptions;
import io.tandem.graph.RunResult;
import io.tandem.graph.TaskGraph;
import io.tandem.graph.TaskResult;
import io.tandem.graph.TaskStatus;
import io.tandem.graph.runfile.RunFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code tandem run FILE}: runs a run file's task graph with a live progress bar and a summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a task graph described in a run file (YAML; JSON accepted): shell commands (run:)",
                "and downloads (fetch:) with needs, priorities, resources, retries and timeouts.",
                "Prints a summary table; exit status 1 if any task did not succeed, 2 if the file or an option is invalid",
                "(then nothing runs)."})
final class RunCommand implements Callable<Integer> {
    /** The most worker threads {@code --workers} may ask for (as a run file's {@code workers:}). */
    static final int MAX_WORKERS = 10_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the run file")
    Path file;

    @Option(names = "--dry-run", description = "print the plan in order with the critical path; run nothing")
    boolean dryRun;

    @Option(names = "--json", description = "print the run result as JSON on stdout (the summary goes to stderr)")
    boolean json;

    @Option(names = "--report", paramLabel = "HTML", description = "write a self-contained HTML timeline (Gantt chart per worker)")
    Path report;

    @Option(names = {"-w", "--workers"}, description = "worker threads (default: the file's workers:, else processors)")
    Integer workers;

    @Option(names = "--fail-fast", description = "cancel everything at the first failure (overrides the file's policy)")
    boolean failFast;

    @picocli.CommandLine.Mixin
    ObserveOptions observe = new ObserveOptions();

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        try (PrintStream out = new PrintStream(new LineWriterStream(cl.getOut()), true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new LineWriterStream(cl.getErr()), true, StandardCharsets.UTF_8)) {
            return run(out, err);
        }
    }

    /**
     * Runs the file; a file or option it cannot use gets one line on {@code err} and status 2 before
     * anything runs.
     */
    int run(PrintStream out, PrintStream err) throws Exception {
        String bad = badOption();
        if (bad != null) {
            err.println("tandem run: " + bad + "; nothing was run");
            return CliErrors.BAD_INPUT;
        }
        RunFile rf;
        TaskGraph graph;
        try {
            rf = RunFile.parse(file);
            graph = rf.toGraph();
        } catch (GraphException e) {
            err.println("tandem run: " + CliErrors.oneLine(e.getMessage()) + "; nothing was run");
            return CliErrors.BAD_INPUT;
        } catch (IOException e) {
            err.println("tandem run: " + CliErrors.oneLine(CliErrors.describe(e)) + "; nothing was run");
            return CliErrors.BAD_INPUT;
        }
        if (dryRun) {
            printPlan(rf, graph.plan(), out);
            return 0;
        }
        int n = workers != null ? workers : rf.workers() > 0 ? rf.workers() : Runtime.getRuntime().availableProcessors();
        PrintStream summary = json ? err : out;
        RunResult result;
        try (io.tandem.dashboard.CommandObservation seen = observe.open(err);
             TaskPool pool = Pools.builder().name("run").threads(n);
             Progress progress = Progress.bar("run " + file.getFileName(), graph.size())) {
            RunOptions.Builder ob = RunOptions.builder().pool(pool)
                    .failurePolicy(failFast ? FailurePolicy.FAIL_FAST : rf.policy())
                    .listener(e -> onEvent(e, progress));
            rf.resources().forEach(ob::resource);
            GraphRun run = graph.start(ob.build());
            Thread hook = new Thread(() -> {
                run.cancel();
                try {
                    run.await(Duration.ofSeconds(10));
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }, "tandem-run-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                result = run.await();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // shutting down: the hook is running
                }
            }
        }
        printSummary(result, summary);
        if (json) {
            out.print(result.toJson());
        }
        if (report != null) {
            Files.writeString(report, RunTimelinePage.html(result, "tandem run " + file.getFileName()), StandardCharsets.UTF_8);
            summary.println("report: " + report);
        }
        return result.succeeded() ? 0 : 1;
    }

    /* The options' problem in words, or null: checked before the file is read, so a bad one runs nothing. */
    private String badOption() {
        if (workers != null && (workers < 1 || workers > MAX_WORKERS)) {
            return "--workers must be from 1 to " + MAX_WORKERS + ", got " + workers;
        }
        if (report != null) {
            if (Files.isDirectory(report)) {
                return "--report " + report + " is a directory; expected an HTML file to write";
            }
            Path dir = report.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                return "--report " + report + ": directory " + dir + " does not exist";
            }
            if (!Files.isWritable(dir) && !Files.isWritable(report)) {
                return "--report " + report + ": directory " + dir + " is not writable";
            }
        }
        return null;
    }

    private static void onEvent(GraphEvent e, Progress progress) {
        switch (e) {
            case GraphEvent.TaskFinished f -> progress.step();
            case GraphEvent.TaskAdded a -> progress.addTotal(1);
            default -> {
            }
        }
    }

    static void printPlan(RunFile rf, Plan plan, PrintStream out) {
        Set<String> critical = new HashSet<>(plan.criticalPath());
        Map<String, RunFile.TaskDef> defs = new HashMap<>();
        rf.tasks().forEach(t -> defs.put(t.name(), t));
        int w = Math.max(4, plan.order().stream().mapToInt(String::length).max().orElse(4));
        out.printf("plan for %s: %d tasks (* = on the critical path)%n", rf.source(), plan.order().size());
        int i = 1;
        for (String name : plan.order()) {
            RunFile.TaskDef t = defs.get(name);
            StringBuilder extra = new StringBuilder();
            if (t.priority() != 0) {
                extra.append("  priority ").append(t.priority());
            }
            if (!t.resources().isEmpty()) {
                extra.append("  resources ").append(t.resources());
            }
            if (t.retries() > 0) {
                extra.append("  retries ").append(t.retries());
            }
            if (t.timeout() != null) {
                extra.append("  timeout ").append(t.timeout().toMillis()).append("ms");
            }
            if (!t.needs().isEmpty()) {
                extra.append("  needs ").append(String.join(", ", t.needs()));
            }
            String what = t.run() != null ? "run: " + t.run() : "fetch: " + t.fetch();
            out.printf("%3d %s %-" + w + "s  %s%s%n", i++, critical.contains(name) ? "*" : " ", name, abbreviate(oneLine(what).replaceAll("\\s+", " "), 60), extra);
        }
        out.println("critical path: " + String.join(" -> ", plan.criticalPath()));
    }

    static void printSummary(RunResult r, PrintStream out) {
        int w = Math.max(4, r.tasks().stream().mapToInt(t -> t.name().length()).max().orElse(4));
        out.printf("%-" + w + "s  %-9s  %8s  %10s  %s%n", "task", "outcome", "attempts", "time", "detail");
        for (TaskResult t : r.tasks()) {
            String detail = t.error() != null ? abbreviate(oneLine(String.valueOf(t.error().getMessage())), 100)
                    : t.skipReason() != null ? t.skipReason()
                    : t.value() != null ? abbreviate(lastLine(String.valueOf(t.value())), 60) : "";
            out.printf("%-" + w + "s  %-9s  %8d  %10s  %s%n", t.name(), t.status(), t.attempts(),
                    t.start() == null ? "-" : seconds(t.elapsed()), detail);
        }
        Map<TaskStatus, Integer> c = r.counts();
        out.printf("%d tasks in %s: %d succeeded, %d failed, %d skipped, %d cancelled%n", r.tasks().size(), seconds(r.elapsed()),
                c.get(TaskStatus.SUCCEEDED), c.get(TaskStatus.FAILED), c.get(TaskStatus.SKIPPED), c.get(TaskStatus.CANCELLED));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3fs", d.toNanos() / 1e9);
    }

    private static String lastLine(String s) {
        String t = s.strip();
        return t.substring(t.lastIndexOf('\n') + 1);
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

}
