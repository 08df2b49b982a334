package io.tandem.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * What to run. Built and checked once (by the CLI or a test), then frozen.
 *
 * @param mode      quick or full sizes and run counts
 * @param scenarios scenario names to run; empty = every scenario that runs by default in {@code mode}
 * @param models    model ids to run; empty = every model of each scenario
 * @param runs      timed runs per model; 0 = the mode's default
 * @param size      problem size for every scenario; 0 = each scenario's size for the mode (tests use tiny ones)
 * @param fork      run scenarios that ask for it in a child JVM per model (for peak RSS); off in-process
 * @param progress  where progress lines go (stderr for the CLI); null = nowhere
 * @param workload  a user's workload ({@link Scenarios#workload}) to race instead of the built-in scenarios, or null
 * @param childClasspath what to append to the class path of child JVMs (the workload's {@code --classpath}), or ""
 */
public record BenchOptions(Mode mode, List<String> scenarios, List<String> models, int runs, int size,
                           boolean fork, PrintStream progress, Scenario workload, String childClasspath) {

    /** Built-in scenarios only. */
    public BenchOptions(Mode mode, List<String> scenarios, List<String> models, int runs, int size, boolean fork,
                        PrintStream progress) {
        this(mode, scenarios, models, runs, size, fork, progress, null, "");
    }

    public BenchOptions {
        Objects.requireNonNull(mode, "mode");
        scenarios = List.copyOf(scenarios);
        models = List.copyOf(models);
        if (runs < 0) {
            throw new IllegalArgumentException("runs must be at least 1 (or 0 for the default), got " + runs);
        }
        childClasspath = childClasspath == null ? "" : childClasspath;
        if (workload != null && !scenarios.isEmpty()) {
            throw new IllegalArgumentException("--workload races your workload only; drop --scenario");
        }
        if (!childClasspath.isEmpty() && !fork) {
            throw new IllegalArgumentException("--classpath needs a child JVM per model (the workload's classes are loaded there); drop --no-fork");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be at least 1 (or 0 for the default), got " + size);
        }
        for (String s : scenarios) {
            if (!Scenarios.known(s)) {
                throw new IllegalArgumentException("unknown scenario '" + s + "'; known: " + Scenarios.names());
            }
        }
        for (String m : models) {
            if (Model.byId(m).isEmpty()) {
                throw new IllegalArgumentException("unknown model '" + m + "'; known: "
                        + String.join(", ", Model.ALL.stream().map(Model::id).toList()));
            }
        }
    }

    /** Defaults for {@code mode}: every scenario and model, forked where asked, progress on stderr. */
    public static BenchOptions of(Mode mode) {
        return new BenchOptions(mode, List.of(), List.of(), 0, 0, true, System.err);
    }

    /** How many timed runs a model of {@code s} gets: exactly {@code --runs}, or the mode's adaptive plan. */
    public RunPlan planFor(Scenario s) {
        if (runs > 0) {
            return new RunPlan(runs, runs, 0, mode.warmupSeconds(), Double.POSITIVE_INFINITY);
        }
        int min = Math.min(mode.defaultRuns(), s.maxRuns());
        return new RunPlan(min, Math.min(RunPlan.MAX_ADAPTIVE_RUNS, s.maxRuns()), mode.measureSeconds(),
                mode.warmupSeconds(), mode.pythonBudgetSeconds());
    }

    public int sizeFor(Scenario s) {
        return size > 0 ? size : s.size(mode);
    }

    /** The scenarios selected, in catalogue order. */
    public List<Scenario> selectedScenarios() {
        if (workload != null) {
            return List.of(workload);
        }
        return Scenarios.all().stream()
                .filter(s -> scenarios.isEmpty() ? s.runsByDefault(mode) : scenarios.stream().anyMatch(n -> Scenarios.selects(n, s)))
                .toList();
    }

    /** The models of {@code s} selected. */
    public List<Model> selectedModels(Scenario s) {
        return s.models().stream().filter(m -> models.isEmpty() || models.contains(m.id())).toList();
    }
}
