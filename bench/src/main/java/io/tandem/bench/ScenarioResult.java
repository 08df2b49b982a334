package io.tandem.bench;

import java.util.List;

/** Every model's result on one scenario, with the comparisons the table shows. */
public record ScenarioResult(Scenario scenario, int size, List<ModelResult> results) {

    public ScenarioResult {
        results = List.copyOf(results);
    }

    /** Median of the sequential model ({@code direct}, else {@code py-sequential} for Python rows), if measured. */
    public double sequentialMedian() {
        return results.stream().filter(r -> r.ok() && r.model().kind() == Model.Kind.SEQUENTIAL)
                .mapToDouble(ModelResult::median).findFirst().orElse(Double.NaN);
    }

    /** The fastest Python median, if any Python model was measured. */
    public double bestPythonMedian() {
        return results.stream().filter(r -> r.ok() && r.model().isPython())
                .mapToDouble(ModelResult::median).min().orElse(Double.NaN);
    }

    /** How many times faster than sequential {@code r} is (NaN without a sequential run). */
    public double speedup(ModelResult r) {
        return r.ok() ? sequentialMedian() / r.median() : Double.NaN;
    }

    /** How many times faster than the best Python approach {@code r} is (NaN without Python). */
    public double vsBestPython(ModelResult r) {
        return r.ok() ? bestPythonMedian() / r.median() : Double.NaN;
    }

    /** The fastest model with the right answer, if any (see {@link Advice}). */
    public java.util.Optional<ModelResult> winner() {
        return Advice.winner(this);
    }

    /** One line of advice derived from this scenario's numbers (see {@link Advice}). */
    public String advice() {
        return Advice.line(this);
    }

    /** Units per second at the median. */
    public double rate(ModelResult r) {
        return r.ok() ? size / r.median() : Double.NaN;
    }
}
