package io.tandem.graph;

import io.tandem.TandemException;

/**
 * A graph that cannot run: a cycle (reported with its path, {@code a -> b -> c -> a}), a dependency on
 * an unknown task, a duplicate name, a resource need larger than the declared capacity, an unknown
 * resource or pool. Thrown at build time, before anything runs.
 *
 * <p>Thread safety: immutable once thrown.
 */
public class GraphException extends TandemException {
    private final String task;

    public GraphException(String task, String message) {
        super(task == null ? message : "task '" + task + "': " + message);
        this.task = task;
    }

    /** The task the problem is about, or {@code null} when it is about the whole graph. */
    public String task() {
        return task;
    }
}
