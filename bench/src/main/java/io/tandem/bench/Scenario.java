package io.tandem.bench;

import java.util.List;

/**
 * One workload of {@code tandem bench}, measured under several {@link Model}s. Implementations are
 * stateless: every {@link #run} builds and closes whatever pool it uses, so one run is what a user's
 * try-with-resources block (or Python {@code with} block) costs.
 *
 * <p>Every answer is checked: {@link #expected(int)} is computed independently of the models (closed
 * form or a plain loop), and a model whose answer differs is reported WRONG and not timed.
 */
public interface Scenario {

    /** Stable name used by {@code --scenario} and in JSON. */
    String name();

    /** One line: what the workload is and what it measures. */
    String description();

    /** What one unit of {@link #size} is ("tasks", "sleeps", "items", "numbers"), for the rate column. */
    String unit();

    /** The problem size for a mode. */
    int size(Mode mode);

    /** Whether a plain {@code tandem bench} (no {@code --scenario}) runs it in this mode. */
    default boolean runsByDefault(Mode mode) {
        return true;
    }

    /** The models this scenario implements, in display order (Python models included). */
    List<Model> models();

    /** The correct answer for {@code size}, computed without any of the models. */
    Object expected(int size);

    /**
     * Runs the workload once under a Java model and returns its answer.
     *
     * @throws UnsupportedOperationException for a model not in {@link #models()} or a Python model
     */
    Object run(Model model, int size) throws Exception;

    /** The script under {@code bench/python/} that implements this scenario's Python models, if any. */
    default String pythonScript() {
        return null;
    }

    /**
     * Environment variables the Python script needs, such as the URL of a local server the scenario started
     * (default: none). Called before each Python model; may start what the scenario shares between models,
     * which {@link #close()} stops.
     */
    default java.util.Map<String, String> pythonEnv(int size) throws Exception {
        return java.util.Map.of();
    }

    /** The approach name {@link #pythonScript()} knows {@code model} by (default: the model id). */
    default String pythonApproach(Model model) {
        return model.id();
    }

    /**
     * Whether each Java model runs in a fresh child JVM (so its peak RSS can be read from
     * {@code /proc/self/status} VmHWM without the harness's own footprint or an earlier model's).
     */
    default boolean forkPerModel() {
        return false;
    }

    /** At most this many timed runs per model (for scenarios whose one run is long). */
    default int maxRuns() {
        return Integer.MAX_VALUE;
    }

    /**
     * For a model that is wrong by design (the unsafe counter): what its answer says about the model, for
     * example "lost 1,234 updates", reported as data beside its time instead of WRONG. {@code null} (the
     * default) means the answer must equal the expected one.
     */
    default String deviation(Model model, Object expected, Object answer) {
        return null;
    }

    /**
     * Whether {@code model} is wrong by design (the unlocked counter): it is measured and reported, but never
     * the winner or the advice, even in a run where it happened to get the right answer.
     */
    default boolean wrongByDesign(Model model) {
        return false;
    }

    /**
     * Called once after a model's last run (also after a failure): releases what the scenario kept between
     * that model's runs, such as a warm process pool. Process scenarios keep their worker JVMs for all runs
     * of a model (starting them is measured by the {@code spawn} scenario) and must stop every one here.
     */
    default void release(Model model) {
    }

    /**
     * Called once after the scenario's last model (in every JVM that ran one of its models): stops what the
     * scenario shared between models, such as a local HTTP server. Must be idempotent.
     */
    default void close() {
    }

    /**
     * An answer with its own timing, for runs whose setup must not be timed (the pool of {@code spawn} is
     * closed after the clock stops; {@code recovery} times from the kill to the replacement's readiness).
     * {@link Measure} uses {@code seconds} instead of the wall time of {@link #run}.
     */
    record Timed(Object answer, double seconds) {
    }
}
