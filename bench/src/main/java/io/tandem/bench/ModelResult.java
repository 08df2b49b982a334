package io.tandem.bench;

import java.util.List;

/**
 * How one model did on one scenario. Times are wall seconds of whole runs; {@code peakRssMb} is the
 * peak resident set of the process that ran it (a child JVM or a Python process), or {@code NaN} when
 * it was run inside the harness and cannot be separated from it. {@code cpu} is the share of all cores the
 * model kept busy during its timed runs (CPU seconds of the process tree / (wall seconds x cores): 1.0 =
 * every core all the time), or {@code NaN} where it could not be read.
 *
 * @param status  OK, WRONG (answer differs from the expected one: not timed), FAILED (threw), SKIPPED (could
 *                not run here, such as Python without python3), NOT_APPLICABLE (not a way to run this scenario)
 * @param message why it was WRONG, FAILED or SKIPPED; for OK, empty or a note such as "lost 12 updates"
 */
public record ModelResult(Model model, Status status, List<Double> seconds, Object answer, double peakRssMb,
                          double cpu, String message) {

    public enum Status { OK, WRONG, FAILED, SKIPPED, NOT_APPLICABLE }

    public ModelResult {
        seconds = List.copyOf(seconds);
        message = message == null ? "" : message;
    }

    static ModelResult ok(Model model, List<Double> seconds, Object answer, double peakRssMb, double cpu) {
        return new ModelResult(model, Status.OK, seconds, answer, peakRssMb, cpu, "");
    }

    /** OK with a note: what a model that is wrong by design got (see {@link Scenario#deviation}). */
    static ModelResult ok(Model model, List<Double> seconds, Object answer, double peakRssMb, double cpu, String note) {
        return new ModelResult(model, Status.OK, seconds, answer, peakRssMb, cpu, note);
    }

    static ModelResult notTimed(Model model, Status status, Object answer, String message) {
        return new ModelResult(model, status, List.of(), answer, Double.NaN, Double.NaN, message);
    }

    public boolean ok() {
        return status == Status.OK && !seconds.isEmpty();
    }

    public double median() {
        if (seconds.isEmpty()) {
            return Double.NaN;
        }
        double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double min() {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max() {
        return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
