package io.tandem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the selected scenarios under the selected models and collects a {@link BenchReport}: per model,
 * warm-ups (JVM models), timed runs, and a check of every answer against the scenario's independent
 * expected answer. A wrong answer is reported WRONG and never timed; a model that throws is FAILED;
 * Python models without {@code python3} are SKIPPED with "python3 not found".
 */
public final class BenchRunner {
    private final BenchOptions options;

    public BenchRunner(BenchOptions options) {
        this.options = options;
    }

    public BenchReport run() {
        List<ScenarioResult> out = new ArrayList<>();
        try (PythonBaselines python = new PythonBaselines()) {
            List<Scenario> selected = options.selectedScenarios().stream()
                    .filter(s -> !options.selectedModels(s).isEmpty()).toList();
            for (Scenario s : selected) {
                List<Model> models = options.selectedModels(s);
                progress("[%d/%d] %s: %s", out.size() + 1, selected.size(), s.name(), s.description());
                int size = options.sizeFor(s);
                Object expected = s.expected(size);
                List<ModelResult> results = new ArrayList<>();
                try {
                    if (s instanceof ProgramScenario p) {
                        progress("%-12s %s, size %,d ...", s.name(), "racing whole programs", size);
                        results.addAll(ProgramRace.run(p, models, size, expected, ProgramRace.Plan.of(options, s),
                                ProgramCommands.of(python)));
                        for (ModelResult r : results) {
                            progress("%-12s %-14s %s%s", s.name(), r.model().id(), r.status(), r.ok()
                                    ? String.format(Locale.ROOT, ", median %s%s", BenchReport.seconds(r.median()),
                                    r.message().isEmpty() ? "" : "; " + r.message()) : ": " + r.message());
                        }
                    }
                    for (Model m : s instanceof ProgramScenario ? List.<Model>of() : models) {
                        progress("%-12s %-14s size %,d ...", s.name(), m.id(), size);
                        long t0 = System.nanoTime();
                        ModelResult r = runOne(s, m, size, expected, python);
                        results.add(r);
                        progress("%-12s %-14s %s%s (%.1f s)", s.name(), m.id(), r.status(),
                                r.ok() ? String.format(Locale.ROOT, ", median %s", BenchReport.seconds(r.median())) : ": " + r.message(),
                                (System.nanoTime() - t0) / 1e9);
                    }
                } finally {
                    s.close();
                }
                for (Model m : s instanceof ProgramScenario ? List.<Model>of() : NotApplicable.COMMON) {
                    if (!s.models().contains(m) && (options.models().isEmpty() || options.models().contains(m.id()))) {
                        results.add(ModelResult.notTimed(m, ModelResult.Status.NOT_APPLICABLE, null, NotApplicable.reason(s, m)));
                    }
                }
                out.add(new ScenarioResult(s, size, results));
            }
            return new BenchReport(options.mode(), Machine.current(python.version()), out);
        }
    }

    private ModelResult runOne(Scenario s, Model m, int size, Object expected, PythonBaselines python) {
        RunPlan plan = options.planFor(s);
        if (m.isPython()) {
            if (!python.available()) {
                return ModelResult.notTimed(m, ModelResult.Status.SKIPPED, null, python.unavailableReason());
            }
            try {
                PythonBaselines.Run r = python.run(s.pythonScript(), s.pythonApproach(m), size, plan.minRuns(),
                        plan.pythonBudgetSeconds(), s.pythonEnv(size));
                if (!Measure.sameAnswer(expected, r.answer())) {
                    return Measure.wrong(m, expected, r.answer());
                }
                return ModelResult.ok(m, r.seconds(), r.answer(), r.peakRssMb(), r.cpu());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ModelResult.notTimed(m, ModelResult.Status.FAILED, null, "interrupted");
            } catch (Exception e) {
                return ModelResult.notTimed(m, ModelResult.Status.FAILED, null, Measure.describe(e));
            }
        }
        if (s.forkPerModel() && options.fork()) {
            ModelResult r = ChildJvm.run(s, m, size, plan, options.childClasspath());
            // the child checks its own answers; check again here so a broken child cannot report OK
            if (r.ok() && !Measure.sameAnswer(expected, r.answer())) {
                return Measure.wrong(m, expected, r.answer());
            }
            return r;
        }
        return Measure.inProcess(s, m, size, plan, expected);
    }

    private void progress(String format, Object... args) {
        if (options.progress() != null) {
            options.progress().println("tandem bench: " + String.format(Locale.ROOT, format, args));
            options.progress().flush();
        }
    }
}
