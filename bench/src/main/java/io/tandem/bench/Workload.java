package io.tandem.bench;

import java.util.List;

/**
 * Your own workload, raced under every execution model by {@code tandem bench --workload CLASS
 * [--classpath JAR_OR_DIR]}: the harness answers "threads, virtual threads or processes?" for your code,
 * with the same warm-ups, repeated runs, answer checks and advice as the built-in scenarios.
 *
 * <p>Implement it in a public class with a public no-argument constructor:
 * <pre>{@code
 * public final class ResizeImages implements Workload<String, Long> {
 *     public void prepare() throws Exception { ... load what run() needs, once per JVM ... }
 *     public List<String> items() { return List.of("a.png", "b.png", ...); }
 *     public Long run(String file) throws Exception { ... one item ... }
 * }
 * }</pre>
 * then {@code javac -cp tandem.jar -d out ResizeImages.java} and
 * {@code ./tandem bench --workload ResizeImages --classpath out}.
 *
 * <p>Concurrency contract: the harness creates one instance per JVM (the harness, each child JVM it
 * forks per model, each worker JVM of the {@code process} model), calls {@link #prepare()} once on it,
 * then calls {@link #run} from many threads at once, so {@code run} must be thread-safe (pure functions of
 * the item are). {@link #items()} must return the same items, in the same order, every time it is called
 * in any JVM; items and results cross process boundaries for the {@code process} model, so they must be
 * serializable by the pool's codec (records, strings, numbers, arrays and collections of those are).
 * Results are compared between models through {@link String#valueOf(Object)}: a model whose results
 * differ from a plain sequential loop's is reported WRONG.
 *
 * @param <T> item type
 * @param <R> result type
 */
public interface Workload<T, R> {

    /** Called once per JVM before the first {@link #run}, untimed: load data, warm caches, open files. */
    default void prepare() throws Exception {
    }

    /** The items to process: the same list, in the same order, in every JVM. */
    List<T> items() throws Exception;

    /** Processes one item; called concurrently from many threads. */
    R run(T item) throws Exception;
}
