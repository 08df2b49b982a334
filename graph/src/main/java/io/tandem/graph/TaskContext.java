package io.tandem.graph;

import java.util.Map;

/**
 * What a running task sees: its name and attempt, its dependencies' results, and (for tasks running
 * in this JVM) the graph, to add tasks whose number is known only at run time.
 *
 * {@snippet :
 * TaskRef<List<String>> urls = graph.add("list", () -> listUrls());
 * graph.task("fan-out").needs(urls).call(ctx -> {
 *     List<TaskRef<Integer>> parts = new ArrayList<>();
 *     for (String u : ctx.input(urls)) {
 *         parts.add(ctx.add("get " + u).call(c -> fetch(u)));
 *     }
 *     ctx.add("sum").needs(parts).call(c -> parts.stream().mapToInt(c::input).sum());
 *     return parts.size();
 * });
 * }
 *
 * <p>Thread safety: a context belongs to one attempt of one task; use it from the thread running the
 * task (tasks it adds may be added from any thread while the task runs). The inputs are the
 * dependencies' results, published to this task before it starts (their completion happens-before it).
 */
public interface TaskContext {

    /** The task's name. */
    String taskName();

    /** The attempt, 1 for the first. */
    int attempt();

    /** The result of dependency {@code dep}; throws {@link IllegalArgumentException} if it is not one. */
    <T> T input(TaskRef<T> dep);

    /** The result of the dependency named {@code name}; throws {@link IllegalArgumentException} if it is not one. */
    Object input(String name);

    /** All dependencies' results by name (unmodifiable; values may be null). */
    Map<String, Object> inputs();

    /**
     * Starts describing a task to add to the running graph; it may depend on any task already in the
     * graph (finished or not). Throws {@link UnsupportedOperationException} in a worker process, and
     * {@link GraphException} for a duplicate name or an unknown dependency.
     */
    TaskBuilder add(String name);

    /** Whether the run was cancelled (the thread is interrupted too); long tasks may poll it. */
    boolean isCancelled();
}
